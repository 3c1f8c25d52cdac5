//! Runs the front end over the files named on the command line together and
//! prints plain diagnostics; exits 1 on errors. A development aid.
fn main() {
    let files: Vec<_> = std::env::args()
        .skip(1)
        .map(|p| phantom_frontend::SourceFile {
            text: std::fs::read_to_string(&p).unwrap_or_default(),
            path: p.into(),
        })
        .collect();
    let out = phantom_frontend::compile(&files, Vec::new());
    for (f, d) in &out.diags {
        eprint!(
            "{}",
            diag::render(
                d,
                &files[*f].path.display().to_string(),
                &files[*f].text,
                false
            )
        );
    }
    println!(
        "{} classes, {} diagnostics",
        out.classes.len(),
        out.diags.len()
    );
    std::process::exit(i32::from(out.has_errors()));
}
