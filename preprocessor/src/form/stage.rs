//! The modul's service stages, in order: the Berkas Klien page lists a client's records by
//! stage and tells what is missing up to the client's current stage. A form names its stage
//! with `tahap` in its file; this table is the one order, sent to `modul-berkas.js` as data.

use serde::Serialize;

/// One stage of the service process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Stage {
    /// What a form file writes as `tahap`.
    pub(crate) id: &'static str,
    /// The heading on the Berkas Klien page.
    pub(crate) label: &'static str,
}

/// Registration → assessment and plan → agreement → progress notes → referral → termination →
/// aftercare, as the sessions 1-3 to 1-9 of the modul run.
pub(crate) const STAGES: &[Stage] = &[
    Stage {
        id: "registrasi",
        label: "Registrasi",
    },
    Stage {
        id: "asesmen",
        label: "Asesmen dan rencana pelayanan",
    },
    Stage {
        id: "kesepakatan",
        label: "Kesepakatan pelayanan",
    },
    Stage {
        id: "perkembangan",
        label: "Catatan perkembangan",
    },
    Stage {
        id: "rujukan",
        label: "Rujukan",
    },
    Stage {
        id: "terminasi",
        label: "Terminasi",
    },
    Stage {
        id: "bimbingan-lanjut",
        label: "Bimbingan lanjut",
    },
];

/// The stage's place in [`STAGES`].
pub(crate) fn position(id: &str) -> Option<usize> {
    STAGES.iter().position(|s| s.id == id)
}
