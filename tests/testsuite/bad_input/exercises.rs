//! Exercise files in `exercises/` and their longitudinal cases.

use super::*;

bad!(
    exercise_of_an_unknown_type,
    replace(
        "exercises/1-2-tahap-kasus.toml",
        "jenis = \"urutkan\"",
        "jenis = \"urutan\"",
    )
);

bad!(
    single_choice_with_two_right_answers,
    replace(
        "exercises/1-1-kenali-masalah.toml",
        "benar = false\numpan_balik = \"Tidak ada keterangan tentang pekerjaan",
        "benar = true\numpan_balik = \"Tidak ada keterangan tentang pekerjaan",
    )
);

bad!(
    option_without_feedback,
    replace(
        "exercises/1-1-ciri-gelandangan.toml",
        "umpan_balik = \"Benar, ini ciri utama gelandangan.\"\n",
        "",
    )
);

bad!(
    exercise_in_a_session_that_does_not_exist,
    replace(
        "exercises/1-1-dasar-hukum.toml",
        "sesi = \"1-1\"",
        "sesi = \"1-3\"",
    )
);

bad!(
    exercise_topic_not_in_its_session,
    replace(
        "exercises/1-1-dasar-hukum.toml",
        "topik = \"Landasan Hukum\"",
        "topik = \"Landasan Hukm\"",
    )
);

bad!(
    exercise_of_an_unknown_longitudinal_case,
    replace(
        "exercises/1-2-rujukan-ditolak.toml",
        "kasus = \"sastro\"",
        "kasus = \"satro\"",
    )
);

bad!(
    form_filling_exercise_with_an_unknown_form,
    replace(
        "exercises/1-2-isi-registrasi.toml",
        "formulir = \"registrasi\"",
        "formulir = \"registrsi\"",
    )
);

bad!(
    model_answer_for_a_field_the_form_does_not_have,
    replace(
        "exercises/1-2-isi-registrasi.toml",
        "jenis_kelamin = \"l\"",
        "jenis_klamin = \"l\"",
    )
);

bad!(
    model_answer_with_a_choice_the_list_does_not_have,
    replace(
        "exercises/1-2-isi-registrasi.toml",
        "jenis_kelamin = \"l\"",
        "jenis_kelamin = \"pria\"",
    )
);

bad!(
    model_answer_that_is_not_a_number_for_an_integer_field,
    replace(
        "exercises/1-2-isi-registrasi.toml",
        "umur = 52",
        "umur = \"lima puluh dua\"",
    )
);

bad!(
    model_answer_for_a_table_column_the_table_does_not_have,
    replace(
        "exercises/1-2-isi-registrasi.toml",
        "umur_anggota = 48",
        "umur_angota = 48",
    )
);

bad!(
    a_table_written_as_one_value,
    replace(
        "exercises/1-2-isi-registrasi.toml",
        "[[jawaban_model.anggota]]\nnama_anggota = \"Sumi\"\numur_anggota = 48",
        "anggota = \"Sumi\"",
    )
);

bad!(
    scenario_choice_leading_nowhere,
    replace(
        "exercises/1-2-rujukan-ditolak.toml",
        "lanjut = \"akhir-baik\"",
        "lanjut = \"akhir-bagus\"",
    )
);

bad!(
    scenario_part_nobody_reaches,
    replace(
        "exercises/1-2-rujukan-ditolak.toml",
        "lanjut = \"akhir-kurang\"",
        "lanjut = \"lengkapi\"",
    )
);

bad!(
    scenario_loop_without_a_way_out,
    replace(
        "exercises/1-2-rujukan-ditolak.toml",
        "lanjut = \"akhir-baik\"",
        "lanjut = \"awal\"",
    )
);

bad!(
    scenario_ending_without_debrief,
    replace(
        "exercises/1-2-rujukan-ditolak.toml",
        "pembahasan = \"Klien tidak boleh ditelantarkan karena rujukan ditolak.\"\n",
        "",
    )
);

bad!(
    matching_with_a_repeated_right_hand_side,
    replace(
        "exercises/1-2-istilah-kasus.toml",
        "kanan = \"Pengakhiran pelayanan\"",
        "kanan = \"Pengiriman klien ke lembaga lain\"",
    )
);

bad!(
    key_of_another_exercise_type,
    replace(
        "exercises/1-2-nama-asesmen.toml",
        "jenis = \"isian-singkat\"",
        "jenis = \"isian-singkat\"\nlangkah = [\"a\", \"b\", \"c\"]",
    )
);

bad!(
    case_page_missing_from_the_book,
    replace(
        CASES,
        "halaman = \"kasus.md\"",
        "halaman = \"kasus-sastro.md\"",
    )
);

bad!(
    toml_syntax_error_in_a_new_exercise,
    write("exercises/1-1-rusak.toml", "judul = \"Rusak\"\nsesi = \n")
);

bad!(
    exercises_folder_that_does_not_exist,
    replace(
        BOOK_TOML,
        "before = [\"links\", \"index\"]",
        "before = [\"links\", \"index\"]\nexercises = \"../tidak-ada\"",
    )
);

bad!(
    exercise_id_used_twice_in_a_subfolder,
    write(
        "exercises/sesi-1-1/1-1-refleksi.toml",
        "judul = \"Salinan\"\nsesi = \"1-1\"\njenis = \"refleksi\"\ntingkat = \"analisis\"\npertanyaan = \"Apa?\"\n",
    )
    .no_position()
);

bad!(
    exercise_linked_to_a_device,
    symlink("exercises/nol.toml", "/dev/zero")
);

bad!(exercise_that_is_a_named_pipe, fifo("exercises/pipa.toml"));

bad!(exercise_folder_link_loop, symlink("exercises/putaran", "."));

bad!(
    exercise_linked_outside_the_project,
    symlink("exercises/luar.toml", "/etc/hostname")
);

bad!(
    huge_exercise_file,
    big("exercises/besar.toml", 6 * 1024 * 1024)
);

bad!(
    exercise_without_a_level,
    replace(
        "exercises/1-2-tahap-kasus.toml",
        "tingkat = \"penerapan\"\n",
        "",
    )
);

bad!(
    exercise_level_with_a_typo,
    replace(
        "exercises/1-2-tahap-kasus.toml",
        "tingkat = \"penerapan\"",
        "tingkat = \"penerapn\"",
    )
);

bad!(
    option_order_with_a_typo,
    replace(
        "exercises/1-1-kenali-masalah.toml",
        "tingkat = \"penerapan\"",
        "tingkat = \"penerapan\"\nurutan = \"tetep\"",
    )
);

bad!(
    word_the_corrections_fix_used_in_an_exercise,
    replace(
        "exercises/1-1-kenali-masalah.toml",
        "Tidak ada keterangan tentang kesehatannya.",
        "Tidak ada respon tentang kesehatannya.",
    )
);
