//! Form files in `forms/` and the pages that show them.

use super::*;

bad!(
    bad_toml_in_a_form,
    replace(FORM, "judul = \"Registrasi Klien\"", "judul = \"Registrasi",)
);

bad!(
    unknown_key,
    replace(
        FORM,
        "label = \"Nomor Register\"",
        "label = \"Nomor Register\"\nwarna = \"merah\"",
    )
);

bad!(
    unknown_type,
    replace(FORM, "jenis = \"date\"", "jenis = \"dat\"",)
);

bad!(
    missing_choice_list,
    replace(
        FORM,
        "jenis = \"select_one jenis_kelamin\"",
        "jenis = \"select_one jenis_kelamn\"",
    )
);

bad!(
    duplicate_name,
    replace(FORM, "nama = \"nik\"", "nama = \"nomor_register\"",)
);

bad!(
    name_not_usable_in_xlsform,
    replace(FORM, "nama = \"nik\"", "nama = \"Nomor Induk\"",)
);

bad!(
    expression_syntax,
    replace(
        FORM,
        "relevan = \"${pernah_dirujuk} = 'ya'\"",
        "relevan = \"${pernah_dirujuk} = = 'ya'\"",
    )
);

bad!(
    unknown_field_in_an_expression,
    replace(
        FORM,
        "relevan = \"${pernah_dirujuk} = 'ya'\"",
        "relevan = \"${pernah_dirujk} = 'ya'\"",
    )
);

bad!(
    reference_to_a_later_field,
    replace(
        FORM,
        "relevan = \"${pernah_dirujuk} = 'ya'\"",
        "relevan = \"${umur} > 17\"",
    )
);

bad!(
    a_cycle_through_itself,
    replace(
        FORM,
        "relevan = \"${pernah_dirujuk} = 'ya'\"",
        "relevan = \"${asal_rujukan} != ''\"",
    )
);

bad!(
    choice_not_in_the_list,
    replace(
        FORM,
        "relevan = \"${pernah_dirujuk} = 'ya'\"",
        "relevan = \"${pernah_dirujuk} = 'Ya'\"",
    )
);

bad!(
    selected_on_a_text_field,
    replace(
        FORM,
        "relevan = \"${pernah_dirujuk} = 'ya'\"",
        "relevan = \"selected(${nik}, 'ya')\"",
    )
);

bad!(
    constraint_without_a_message,
    replace(FORM, "pesan_batasan = \"NIK terdiri atas 4 angka.\"\n", "",)
);

bad!(
    table_field_used_from_outside_its_row,
    replace(
        FORM,
        "batasan = \". <= today()\"",
        "batasan = \". <= today()\"\nrelevan = \"${nama_anggota} != ''\"",
    )
);

bad!(version_zero, replace(FORM, "versi = 2", "versi = 0",));

bad!(
    unknown_session,
    replace(FORM, "sesi = [\"1-1\"]", "sesi = [\"1-1\", \"1-7\"]",)
);

bad!(
    form_shown_on_no_page,
    replace(SESSION_1_1, "{{#formulir registrasi}}", "",)
        .names(FORM)
        .no_position()
);

bad!(
    declared_page_that_does_not_show_the_form,
    replace(
        FORM,
        "sesi = [\"1-1\"]",
        "sesi = [\"1-1\"]\nhalaman = \"sesi-1-1/landasan-hukum.md\"",
    )
);

bad!(
    group_without_fields,
    replace(
        FORM,
        "jenis = \"text\"\nnama = \"nik\"",
        "jenis = \"group\"\nnama = \"nik\"",
    )
);

bad!(
    duplicate_choice,
    replace(
        FORM,
        "{ nama = \"modal\", label = \"Modal usaha\" }",
        "{ nama = \"makan\", label = \"Modal usaha\" }",
    )
);

bad!(
    field_renamed_but_not_in_the_exercise_that_fills_it,
    replace(FORM, "nama = \"umur\"\n", "nama = \"usia\"\n")
        .names("exercises/1-2-isi-registrasi.toml")
);

/// `relevan` of the fixture form, replaced by a generated expression.
const RELEVANT: &str = "relevan = \"${pernah_dirujuk} = 'ya'\"";

fn relevant(expression: String) -> &'static str {
    format!("relevan = \"{expression}\"").leak()
}

bad!(
    expression_with_10000_nested_parentheses,
    replace(
        FORM,
        RELEVANT,
        relevant(format!(
            "{}${{pernah_dirujuk}} = 'ya'{}",
            "(".repeat(10_000),
            ")".repeat(10_000)
        )),
    )
);

bad!(
    expression_with_10000_nested_not,
    replace(
        FORM,
        RELEVANT,
        relevant(format!(
            "{}${{pernah_dirujuk}} = 'ya'{}",
            "not(".repeat(10_000),
            ")".repeat(10_000)
        )),
    )
);

bad!(
    expression_with_200000_chained_and,
    replace(
        FORM,
        RELEVANT,
        relevant(vec!["1 = 1"; 200_000].join(" and ")),
    )
);

bad!(
    expression_nested_65_deep,
    replace(
        FORM,
        RELEVANT,
        relevant(format!(
            "{}${{pernah_dirujuk}} = 'ya'{}",
            "(".repeat(65),
            ")".repeat(65)
        )),
    )
);
