//! Data files in `book/data/`: the programme, the glossary, the corrections.

use super::*;

bad!(
    bad_method_id_in_the_programme,
    replace(PROGRAMME, "id = \"ceramah\"", "id = \"Ceramah\"",)
);

bad!(
    bad_start_time,
    replace(PROGRAMME, "mulai = \"08.00\"", "mulai = \"pagi\"",)
);

bad!(
    break_outside_the_day,
    replace(PROGRAMME, "setelah_jp = 6", "setelah_jp = 9",)
);

bad!(
    glossary_term_taught_in_a_missing_session,
    replace(
        GLOSSARY,
        "sesi = \"1-2\"\ntopik = \"Manajemen Kasus\"",
        "sesi = \"1-9\"\ntopik = \"Manajemen Kasus\"",
    )
);

bad!(
    glossary_topic_not_in_its_session,
    replace(
        GLOSSARY,
        "topik = \"Manajemen Kasus\"",
        "topik = \"Manajemen Kasuss\"",
    )
);

bad!(
    glossary_synonym_that_is_another_entry,
    replace(
        GLOSSARY,
        "sinonim = [\"assessment\", \"asismen\"]",
        "sinonim = [\"assessment\", \"Gepeng\"]",
    )
);

bad!(
    glossary_entry_with_an_unknown_key,
    replace(
        GLOSSARY,
        "definisi = \"Pertemuan",
        "arti = \"x\"\ndefinisi = \"Pertemuan",
    )
);

bad!(
    correction_file_with_a_reversed_line_range,
    replace(CORRECTIONS, "baris = [1, 40]", "baris = [40, 1]",)
);

bad!(
    correction_without_its_fix,
    replace(CORRECTIONS, "perbaikan = \"menunjukkan\"\n", "",)
);

bad!(
    correction_of_an_unknown_kind,
    replace(CORRECTIONS, "jenis = \"tata-letak\"", "jenis = \"layout\"",)
);

bad!(
    programme_value_of_the_wrong_type,
    replace(PROGRAMME, "jp_per_hari = 8", "jp_per_hari = \"dua\"")
);

bad!(missing_programme, remove(PROGRAMME).no_position());

bad!(empty_glossary, write(GLOSSARY, ""));

bad!(
    correction_file_that_is_a_named_pipe,
    fifo("book/data/penyuntingan/pipa.toml")
);

bad!(
    programme_linked_to_a_device,
    symlink(PROGRAMME, "/dev/zero")
);

bad!(huge_glossary, big(GLOSSARY, 6 * 1024 * 1024));

bad!(
    data_folder_that_does_not_exist,
    replace(
        BOOK_TOML,
        "before = [\"links\", \"index\"]",
        "before = [\"links\", \"index\"]\ndata = \"data-lama\"",
    )
);

bad!(
    forms_folder_that_does_not_exist,
    replace(
        BOOK_TOML,
        "before = [\"links\", \"index\"]",
        "before = [\"links\", \"index\"]\nforms = \"../formulir\"",
    )
);

bad!(
    word_the_corrections_fix_used_in_the_glossary,
    replace(
        GLOSSARY,
        "Pertemuan tim untuk membahas kasus klien.",
        "Pertemuan tim untuk membahas respon klien.",
    )
);

bad!(
    addition_to_a_form_without_the_form,
    append(
        CORRECTIONS,
        "\n[[koreksi]]\nlokasi = \"Formulir 1\"\nasli = \"(tidak ada)\"\nperbaikan = \"Prioritas\"\nalasan = \"Urutan penanganan.\"\njenis = \"tambahan\"\n",
    )
);
