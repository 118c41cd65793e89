//! Chapters and the book's outline: directives, SUMMARY.md, readings, worksheets.

use super::*;

bad!(
    unknown_directive,
    replace(HOME, "Buku uji untuk preprocessor.", "{{#latiahn x}}",)
);

bad!(
    directive_inside_a_sentence,
    replace(
        HOME,
        "Buku uji untuk preprocessor.",
        "Ya {{#formulir registrasi}} ya.",
    )
);

bad!(
    unknown_form,
    replace(
        SESSION_1_1,
        "{{#formulir registrasi}}",
        "{{#formulir registrasii}}",
    )
);

bad!(
    draft_chapter,
    replace(
        SUMMARY,
        "- [Program Pelatihan](pengantar/program.md)",
        "- [Jadwal]()\n- [Program Pelatihan](pengantar/program.md)",
    )
);

bad!(
    glossary_directive_with_an_argument,
    replace(GLOSSARY_PAGE, "{{#istilah}}", "{{#istilah semua}}",)
);

bad!(
    reading_supports_a_chapter_that_does_not_exist,
    replace(
        READING,
        "\"sesi-1-1/permasalahan.md\"",
        "\"sesi-1-1/permasalahn.md\"",
    )
);

bad!(
    exercise_placed_twice,
    replace(
        LAW,
        "> Pasal 34",
        "{{#latihan 1-1-kenali-masalah}}\n\n> Pasal 34",
    )
);

bad!(
    worksheet_of_an_unknown_session,
    replace(
        WORKSHEET_1_1,
        "{{#lembar-kerja 1-1}}",
        "{{#lembar-kerja 1-9}}",
    )
);

bad!(
    reading_without_its_original_title,
    replace(READING, "judul_asli = \"Asismen\"\n", "",)
);

bad!(
    unknown_exercise_is_reported_with_place_and_closest_id,
    append(LAW, "\n{{#latihan 1-1-kenali-masalh}}\n")
);

bad!(
    unknown_exercise_in_a_topic_page,
    append(CASE_MANAGEMENT, "\n{{#latihan tidak-ada}}\n")
);

bad!(
    empty_summary,
    write(SUMMARY, "")
        .no_position()
        .wrong_today("SUMMARY.md is never named: 15 errors about sessions missing")
);

bad!(
    missing_chapter_file,
    remove(LAW).no_position().wrong_today(
        "one error, but in mdBook's English (`failed to read chapter …: No such file or \
             directory`) and not starting with the missing file's path"
    )
);

bad!(
    include_reaches_outside_the_book,
    append(HOME, "\n{{#include ../../exercises/kasus.toml}}\n")
        .wrong_today("passes: the file outside book/ is published in the page")
);

bad!(
    word_the_corrections_fix_used_in_a_chapter,
    replace(
        "book/src/sesi-1-1/permasalahan.md",
        "Gepeng hidup di tempat umum.",
        "Respon warga: gepeng hidup di tempat umum.",
    )
);
