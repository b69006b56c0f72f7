//! The catalog files compiled into the binary. `build.rs` lists `data/services/` so that
//! adding a service is adding a file.

pub const LAYERS_FILE: (&str, &str) = (
    "data/layers.yaml",
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/layers.yaml")),
);

include!(concat!(env!("OUT_DIR"), "/embedded_services.rs"));
