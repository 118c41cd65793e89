//! Session chapters: the TOML front matter of `book/src/sesi-*/index.md` and its topics.

use super::*;

/// What goes wrong today with any fault in a session record (issue 12).
const CASCADE: &str = "the session fails to load, and the errors that follow from that \
    (the glossary, worksheet, exercises and forms naming its code) are listed too, before the cause";

bad!(
    missing_title,
    replace(SESSION_1_2, "judul = \"Pendekatan Dasar\"\n", "",).wrong_today(CASCADE)
);

bad!(
    unknown_method,
    replace(
        SESSION_1_2,
        "metode = [\"studi-kasus\"]",
        "metode = [\"studi-kasuss\"]",
    )
    .wrong_today(CASCADE)
);

bad!(
    unknown_key,
    replace(SESSION_1_2, "media = ", "durasi = 4\nmedia = ",).wrong_today(CASCADE)
);

bad!(
    missing_topic_page,
    replace(
        SESSION_1_2,
        "halaman = \"manajemen-kasus.md\"",
        "halaman = \"manajemn-kasus.md\"",
    )
    .wrong_today(CASCADE)
);

bad!(
    zero_jp,
    replace(SESSION_1_2, "jp = 4", "jp = 0",).wrong_today(CASCADE)
);

bad!(
    unclosed_front_matter,
    replace(SESSION_1_2, "jp = 4\n+++\n", "jp = 4\n",).wrong_today(CASCADE)
);

bad!(
    duplicate_code,
    replace(SESSION_1_2, "kode = \"1-2\"", "kode = \"1-1\"",).wrong_today(CASCADE)
);

bad!(
    bad_code,
    replace(SESSION_1_2, "kode = \"1-2\"", "kode = \"satu\"",).wrong_today(CASCADE)
);

bad!(
    unlisted_sub_chapter,
    replace(
        SESSION_1_1,
        "[[sesi.topik]]\njudul = \"Landasan Hukum\"\nhalaman = \"landasan-hukum.md\"\njp = 2\n",
        "",
    )
    .wrong_today(CASCADE)
);

bad!(
    empty_session_chapter,
    write(SESSION_1_2, "")
        .no_position()
        .wrong_today("the empty chapter is never named: 7 errors about session 1-2 missing")
);
