//! Session chapters: the TOML front matter of `book/src/sesi-*/index.md` and its topics.

use super::*;

bad!(
    missing_title,
    replace(SESSION_1_2, "judul = \"Pendekatan Dasar\"\n", "",)
);

bad!(
    unknown_method,
    replace(
        SESSION_1_2,
        "metode = [\"studi-kasus\"]",
        "metode = [\"studi-kasuss\"]",
    )
);

bad!(
    unknown_key,
    replace(SESSION_1_2, "media = ", "durasi = 4\nmedia = ",)
);

bad!(
    missing_topic_page,
    replace(
        SESSION_1_2,
        "halaman = \"manajemen-kasus.md\"",
        "halaman = \"manajemn-kasus.md\"",
    )
);

bad!(zero_jp, replace(SESSION_1_2, "jp = 4", "jp = 0",));

bad!(
    unclosed_front_matter,
    replace(SESSION_1_2, "jp = 4\n+++\n", "jp = 4\n",)
);

bad!(
    duplicate_code,
    replace(SESSION_1_2, "kode = \"1-2\"", "kode = \"1-1\"",)
);

bad!(
    bad_code,
    replace(SESSION_1_2, "kode = \"1-2\"", "kode = \"satu\"",)
);

bad!(
    unlisted_sub_chapter,
    replace(
        SESSION_1_1,
        "[[sesi.topik]]\njudul = \"Landasan Hukum\"\nhalaman = \"landasan-hukum.md\"\njp = 2\n",
        "",
    )
);

bad!(empty_session_chapter, write(SESSION_1_2, "").no_position());
