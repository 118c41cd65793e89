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

bad!(empty_summary, write(SUMMARY, "").no_position());

bad!(missing_chapter_file, remove(LAW).no_position());

bad!(
    include_reaches_outside_the_book,
    append(HOME, "\n{{#include ../../exercises/kasus.toml}}\n")
);

bad!(
    include_of_a_system_file,
    append(HOME, "\n{{#include ../../../../../../../../etc/passwd}}\n")
);

bad!(
    rustdoc_include_reaches_outside_the_book,
    append(
        HOME,
        "\n{{#rustdoc_include ../../forms/registrasi.toml:1:3}}\n"
    )
);

bad!(missing_summary, remove(SUMMARY).no_position());

bad!(chapter_linked_to_a_system_file, symlink(LAW, "/etc/passwd"));

bad!(chapter_that_is_a_named_pipe, fifo(READING));

bad!(
    chapter_linked_to_a_device,
    symlink(CASE_MANAGEMENT, "/dev/zero")
);

bad!(broken_chapter_link, symlink(LAW, "tidak-ada.md"));

bad!(
    word_the_corrections_fix_used_in_a_chapter,
    replace(
        "book/src/sesi-1-1/permasalahan.md",
        "Gepeng hidup di tempat umum.",
        "Respon warga: gepeng hidup di tempat umum.",
    )
);
