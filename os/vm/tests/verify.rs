//! The load-time verifier: hand-built bad methods are refused with a
//! `LoadError` that names the class, the method and the byte offset of the
//! problem; every class the compiler makes from `testsuite/compile` and
//! `stdlib-ph` passes.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use classfile::bytecode::encode;
use classfile::opcodes as oc;
use classfile::records::ClassFile;
use ir::code::{Label, Op, Summon};
use ir::types::NumKind;
use phantom_frontend::SourceFile;
use phantom_vm::code::{prepare, Context};
use phantom_vm::vm::LoadError;
use phantom_vm::Ref;
use support::{class_file, load, M};

const CLASS: &str = ".t.bad";

/// Loads a class with `fields` fields, one constant and a method `m` at
/// ordinal 9 with this code; returns the error.
fn refuse_code(fields: u32, code: Vec<u8>) -> LoadError {
    let ok = M::ops(8, "main", &[Op::ArgCount(1), Op::Ret]);
    let bytes = class_file(CLASS, fields, &[b"k"], vec![ok, M::raw(9, "m", &code)]);
    match load(&bytes) {
        Ok(()) => panic!("the class was accepted"),
        Err(e) => e,
    }
}

/// As `refuse_code`, from ops; also returns the byte address of each op.
fn refuse(fields: u32, ops: &[Op]) -> (LoadError, Vec<u32>) {
    let enc = encode(ops).expect("the test's ops encode");
    (refuse_code(fields, enc.bytes), enc.ips)
}

/// The error names the class, the method and `offset`, and says `what`
/// (also in its `Display` text).
fn assert_names(e: &LoadError, offset: u32, what: &str) {
    assert_eq!(e.class, CLASS, "{e}");
    assert_eq!(e.method.as_deref(), Some("m (ordinal 9)"), "{e}");
    assert_eq!(e.offset, Some(offset), "{e}");
    assert!(e.message.contains(what), "expected {what:?} in: {e}");
    let text = e.to_string();
    assert!(
        text.contains(CLASS)
            && text.contains("m (ordinal 9)")
            && text.contains(&format!("offset {offset}")),
        "{text}"
    );
}

#[test]
fn object_stack_underflow() {
    let (e, ips) = refuse(0, &[Op::Nop, Op::Nop, Op::OsDrop, Op::Ret]);
    assert_names(&e, ips[2], "object stack underflow");
}

#[test]
fn integer_stack_underflow() {
    // arg_count pops the argument count; nothing is left to add.
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 4),
            Op::Arith(NumKind::Int, ir::code::ArithOp::Add),
            Op::Ret,
        ],
    );
    assert_names(&e, ips[2], "integer stack underflow");
}

#[test]
fn underflow_of_a_call() {
    // A call with two arguments needs three objects.
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::SummonThis,
            Op::SummonNull,
            Op::Call { ord: 9, nargs: 2 },
            Op::Ret,
        ],
    );
    assert_names(&e, ips[3], "object stack underflow");
}

#[test]
fn depths_differ_where_paths_meet() {
    let l = Label(0);
    let ops = [
        Op::ArgCount(0),
        Op::IConst(NumKind::Int, 1),
        Op::Jz(l),
        Op::SummonNull,
        Op::Label(l),
        Op::Ret,
    ];
    let (e, ips) = refuse(0, &ops);
    // Reported at the instruction where the paths meet.
    assert_names(&e, ips[5], "stack depths differ where paths meet");
}

#[test]
fn a_loop_that_grows_the_stack_is_a_depth_mismatch() {
    let l = Label(0);
    let ops = [Op::ArgCount(0), Op::Label(l), Op::SummonNull, Op::Jmp(l)];
    let (e, ips) = refuse(0, &ops);
    assert_names(&e, ips[2], "stack depths differ");
}

#[test]
fn jump_to_the_end_of_the_code() {
    // Displacements count from the operand: 1 + 4 is one past the end.
    let e = refuse_code(0, vec![oc::JMP, 0, 0, 0, 4]);
    assert_names(&e, 0, "jump target outside the method");
}

#[test]
fn jump_past_the_end_or_before_the_start() {
    let e = refuse_code(0, vec![oc::NOP, oc::JMP, 0, 0, 0, 100]);
    assert_names(&e, 2, "jump target 102 is not an instruction boundary");
    let e = refuse_code(0, vec![oc::NOP, oc::JMP, 0xFF, 0xFF, 0xFF, 0xF0]);
    assert_names(&e, 2, "jump target -14 is not an instruction boundary");
}

#[test]
fn jump_into_the_middle_of_an_instruction() {
    // jmp +2 lands on the second operand byte of itself.
    let e = refuse_code(0, vec![oc::JMP, 0, 0, 0, 2, oc::RET]);
    assert_names(&e, 1, "jump target 3 is not an instruction boundary");
}

#[test]
fn catcher_target_outside_the_method() {
    let e = refuse_code(
        0,
        vec![oc::SUMMON_NULL, oc::PUSH_CATCHER, 0, 0, 0, 5, oc::RET],
    );
    assert_names(&e, 1, "jump target outside the method");
}

#[test]
fn field_index_out_of_range() {
    let (e, ips) = refuse(2, &[Op::ArgCount(0), Op::Load(5), Op::OsDrop, Op::Ret]);
    assert_names(&e, ips[1], "field 5 out of range (2 fields)");
    let (e, ips) = refuse(2, &[Op::ArgCount(0), Op::SummonNull, Op::Save(2), Op::Ret]);
    assert_names(&e, ips[2], "field 2 out of range (2 fields)");
    let (e, ips) = refuse(
        2,
        &[
            Op::ArgCount(0),
            Op::IsLoad(200),
            Op::IsDrop(NumKind::Int),
            Op::Ret,
        ],
    );
    assert_names(&e, ips[1], "field 200 out of range (2 fields)");
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 1),
            Op::IsSave(0),
            Op::Ret,
        ],
    );
    assert_names(&e, ips[2], "field 0 out of range (0 fields)");
}

#[test]
fn object_slot_not_on_the_stack() {
    let (e, ips) = refuse(0, &[Op::ArgCount(0), Op::SummonNull, Op::OsGet(1), Op::Ret]);
    assert_names(&e, ips[2], "object slot 1 is not on the stack");
    // os_set pops first: slot 1 is the value itself.
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::SummonNull,
            Op::SummonNull,
            Op::OsSet(1),
            Op::Ret,
        ],
    );
    assert_names(&e, ips[3], "object slot 1 is not on the stack");
}

#[test]
fn integer_slot_not_on_the_stack() {
    // One int on the stack: a long at slot 0 would need two.
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 1),
            Op::IsGet(NumKind::Long, 0),
            Op::Ret,
        ],
    );
    assert_names(&e, ips[2], "integer slot 0 is not on the stack");
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 1),
            Op::IConst(NumKind::Int, 2),
            Op::IsSet(NumKind::Int, 1),
            Op::Ret,
        ],
    );
    assert_names(&e, ips[3], "integer slot 1 is not on the stack");
}

#[test]
fn constant_not_in_the_pool() {
    let (e, ips) = refuse(0, &[Op::ArgCount(0), Op::ConstPool(7), Op::Ret]);
    assert_names(&e, ips[1], "constant 7 is not in the pool");
}

#[test]
fn execution_runs_off_the_end() {
    let (e, ips) = refuse(0, &[Op::ArgCount(0), Op::Nop]);
    assert_names(&e, ips[1], "execution runs off the end of the code");
    // Also on the branch of a conditional jump that is not taken.
    let l = Label(0);
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 0),
            Op::Jz(l),
            Op::Ret,
            Op::Label(l),
            Op::Nop,
        ],
    );
    assert_names(&e, ips[5], "execution runs off the end of the code");
}

#[test]
fn empty_method() {
    let e = refuse_code(0, Vec::new());
    assert_names(&e, 0, "the method has no code");
}

#[test]
fn switch_divisor_zero() {
    let l = Label(0);
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 3),
            Op::Switch {
                shift: 0,
                div: 0,
                targets: vec![l],
            },
            Op::Label(l),
            Op::Ret,
        ],
    );
    assert_names(&e, ips[2], "switch divisor is zero");
}

#[test]
fn truncated_code() {
    // jmp needs four operand bytes.
    let e = refuse_code(0, vec![oc::NOP, oc::JMP, 0, 0]);
    assert_names(&e, 2, "code ends inside an instruction");
    // A call with its argument count missing.
    let e = refuse_code(0, vec![oc::CALL_00]);
    assert_names(&e, 1, "code ends inside an instruction");
}

#[test]
fn unknown_opcode() {
    let e = refuse_code(0, vec![oc::NOP, 0xC0, oc::RET]);
    assert_names(&e, 1, "unknown opcode 0xc0");
}

const NOT_CONSTANT: &str = "the argument count of dynamic_invoke is not a constant";

#[test]
fn dynamic_invoke_needs_a_constant_count() {
    // The count on the integer stack is the argument count the caller
    // pushed (cell 0), not a constant.
    let (e, ips) = refuse(
        0,
        &[
            Op::IsGet(NumKind::Int, 0),
            Op::SummonThis,
            Op::SConst(b"f".to_vec()),
            Op::DynamicInvoke,
            Op::Ret,
        ],
    );
    assert_names(&e, ips[3], NOT_CONSTANT);
}

#[test]
fn dynamic_invoke_with_counts_that_differ_by_path_is_refused() {
    // On one path the count is 1, on the other 0: one argument or none
    // would be taken from the stack, and the depth after the call would
    // depend on the path. Reached by a jump with the same count on both
    // paths, it is accepted (below).
    let (a, l) = (Label(0), Label(1));
    let ops = |other: i32| {
        vec![
            Op::ArgCount(0),
            Op::SummonNull,
            Op::SummonThis,
            Op::SConst(b"toString".to_vec()),
            Op::IConst(NumKind::Int, 1),
            Op::Jz(a),
            Op::IConst(NumKind::Int, other),
            Op::Jmp(l),
            Op::Label(a),
            Op::IConst(NumKind::Int, 0),
            Op::Label(l),
            Op::DynamicInvoke,
            Op::Ret,
        ]
    };
    let (e, ips) = refuse(0, &ops(1));
    assert_names(&e, ips[11], NOT_CONSTANT);
    let ok = class_file(CLASS, 0, &[], vec![M::ops(8, "m", &ops(0))]);
    load(&ok).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn dynamic_invoke_count_unknown_after_is_set_or_a_catch() {
    // The count's cell is overwritten with a computed value.
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 0),
            Op::SummonThis,
            Op::SConst(b"f".to_vec()),
            Op::IConst(NumKind::Int, 2),
            Op::IConst(NumKind::Int, 3),
            Op::Arith(NumKind::Int, ir::code::ArithOp::Add),
            Op::IsSet(NumKind::Int, 0),
            Op::DynamicInvoke,
            Op::Ret,
        ],
    );
    assert_names(&e, ips[8], NOT_CONSTANT);
    // At a catcher's target nothing is known about the integer stack,
    // even a count pushed before the catcher (on the path that does not
    // catch, the count is known).
    let l = Label(0);
    let (e, ips) = refuse(
        0,
        &[
            Op::ArgCount(0),
            Op::IConst(NumKind::Int, 0),
            Op::SummonThis,
            Op::SConst(b"f".to_vec()),
            Op::SummonNull,
            Op::PushCatcher(l),
            Op::DynamicInvoke,
            Op::Ret,
            Op::Label(l),
            Op::OsDrop,
            Op::DynamicInvoke,
            Op::Ret,
        ],
    );
    assert_names(&e, ips[10], NOT_CONSTANT);
}

#[test]
fn dynamic_invoke_count_larger_than_the_object_stack_is_refused() {
    for count in [3, i32::MAX, -1] {
        let (e, ips) = refuse(
            0,
            &[
                Op::ArgCount(0),
                Op::IConst(NumKind::Int, count),
                Op::SummonThis,
                Op::SConst(b"f".to_vec()),
                Op::DynamicInvoke,
                Op::Ret,
            ],
        );
        let what = if count == -1 {
            "argument count too large"
        } else {
            "object stack underflow"
        };
        assert_names(&e, ips[4], what);
    }
}

/// The order of the original's Java front end: the count is pushed first,
/// then the arguments, the receiver and the name, with other integer work
/// in between; then the count immediately before the instruction, as our
/// tests wrote it before; then a count kept in an integer local (cell 0,
/// set by `is_set`, read by `is_get`). The calls run and print their
/// results.
#[test]
fn dynamic_invoke_count_pushed_earlier_runs() {
    let print = |ops: &mut Vec<Op>| {
        ops.extend([Op::Call { ord: 16, nargs: 1 }, Op::OsDrop]);
    };
    let mut ops = vec![
        Op::ArgCount(1),
        Op::IConst(NumKind::Int, 7), // the local, cell 0
        Op::OsGet(0),                // the boot object, which prints the result
        Op::IConst(NumKind::Int, 2),
        Op::SConst(b"first ".to_vec()),
        Op::IConst(NumKind::Int, 5),
        Op::IsDup(NumKind::Int),
        Op::Arith(NumKind::Int, ir::code::ArithOp::Add),
        Op::IsDrop(NumKind::Int),
        Op::SConst(b"second ".to_vec()),
        Op::IConst(NumKind::Long, 1),
        Op::IsDrop(NumKind::Long),
        Op::SummonThis,
        Op::SConst(b"pick".to_vec()),
        Op::DynamicInvoke,
    ];
    print(&mut ops);
    ops.extend([
        Op::OsGet(0),
        Op::SConst(b"third ".to_vec()),
        Op::SConst(b"fourth".to_vec()),
        Op::SummonThis,
        Op::SConst(b"pick".to_vec()),
        Op::IConst(NumKind::Int, 2),
        Op::DynamicInvoke,
    ]);
    print(&mut ops);
    ops.extend([
        Op::IConst(NumKind::Int, 2),
        Op::IsSet(NumKind::Int, 0),
        Op::OsGet(0),
        Op::SConst(b" fifth".to_vec()),
        Op::SConst(b" sixth".to_vec()),
        Op::SummonThis,
        Op::SConst(b"pick".to_vec()),
        Op::IsGet(NumKind::Int, 0),
        Op::DynamicInvoke,
    ]);
    print(&mut ops);
    ops.push(Op::Ret);
    let main = class_file(
        ".t.dyn",
        0,
        &[],
        vec![
            M::ops(8, "main", &ops),
            // pick(a, b) returns b.
            M::ops(9, "pick", &[Op::ArgCount(2), Op::OsGet(1), Op::Ret]),
        ],
    );
    let (end, out) = support::run(&main, &[]);
    assert_eq!(end, support::End::Done);
    assert_eq!(out, "second fourth sixth");
}

#[test]
fn class_level_errors_name_no_method() {
    // Not a method problem: no method or offset.
    let mut cf = ClassFile::parse(&class_file(
        ".t.orphan",
        0,
        &[],
        vec![M::ops(8, "m", &[Op::Ret])],
    ))
    .unwrap();
    cf.class.parent = ".no.such.parent".into();
    let e = load(&cf.write()).unwrap_err();
    assert_eq!(e.class, ".t.orphan");
    assert_eq!((e.method.as_deref(), e.offset), (None, None));
    assert!(
        e.message.contains("parent .no.such.parent"),
        "{}",
        e.message
    );
    let e = load(b"phfr:C\0\0\0\x02").unwrap_err();
    assert_eq!(e.class, "?");
    assert!(e.message.contains("bad record length"), "{}", e.message);
    // Summoning by name is resolved at run time, so an unknown name loads.
    let ok = class_file(
        ".t.ok",
        0,
        &[],
        vec![M::ops(
            8,
            "m",
            &[Op::SummonClass(Summon::ByName(".no.such".into())), Op::Ret],
        )],
    );
    load(&ok).unwrap();
}

// ---- every compiled class passes

fn ph_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            ph_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "ph") {
            out.push(p);
        }
    }
}

fn sources(paths: &[PathBuf]) -> Vec<SourceFile> {
    paths
        .iter()
        .map(|p| SourceFile {
            path: p.clone(),
            text: std::fs::read_to_string(p).expect("UTF-8 source"),
        })
        .collect()
}

/// Compiles `files` (which must compile without errors) to class files.
fn compile(files: &[SourceFile]) -> Vec<(String, Vec<u8>)> {
    let out = phantom_frontend::compile(files, Vec::new());
    let errors: Vec<String> = out
        .diags
        .iter()
        .filter(|(_, d)| d.is_error())
        .map(|(f, d)| format!("{}: {d:?}", files[*f].path.display()))
        .collect();
    assert!(errors.is_empty(), "compile errors:\n{}", errors.join("\n"));
    out.classes
        .iter()
        .map(|(_, c)| {
            let (cf, _) = codegen::class_file(c, "20240101000000000").expect("class file");
            (c.info.name.clone(), cf.write())
        })
        .collect()
}

/// Prepares and verifies every method of a class file directly (also for
/// the `.internal.*` declarations, which `define_class` refuses by name).
fn verify_methods(bytes: &[u8]) -> Result<usize, String> {
    let cf = ClassFile::parse(bytes).map_err(|e| e.to_string())?;
    let mut consts = Vec::new();
    for c in cf.consts() {
        let i = c.id as usize;
        if consts.len() <= i {
            consts.resize(i + 1, None);
        }
        consts[i] = Some(Ref(1));
    }
    let builtin = |_: &Summon| Some(Ref(1));
    let fields = cf
        .fields()
        .map(|f| f.ordinal + 1)
        .max()
        .unwrap_or(0)
        .max(cf.class.n_fields);
    let cx = Context {
        class: Ref(1),
        class_name: &cf.class.name,
        fields,
        consts: &consts,
        builtin: &builtin,
    };
    let sigs: HashMap<u32, u32> = cf
        .signatures()
        .map(|s| (s.ordinal, s.args.len() as u32))
        .collect();
    let mut n = 0;
    for m in cf.methods() {
        prepare(
            &cx,
            &m.name,
            m.ordinal,
            sigs.get(&m.ordinal).copied(),
            &m.code,
            Vec::new(),
        )
        .map_err(|e| format!("{}.{} (ordinal {}): {e}", cf.class.name, m.name, m.ordinal))?;
        n += 1;
    }
    Ok(n)
}

#[test]
fn every_compiled_class_passes_the_verifier() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut lib = Vec::new();
    ph_files(&root.join("stdlib-ph"), &mut lib);
    assert!(lib.len() >= 20, "only {} stdlib-ph files", lib.len());
    let mut programs = Vec::new();
    ph_files(&root.join("testsuite/compile"), &mut programs);
    assert!(programs.len() >= 60, "only {} programs", programs.len());

    let mut failures = Vec::new();
    let mut methods = 0;
    let mut loaded = 0;
    // The class library alone, then each program with it.
    let mut units = vec![(PathBuf::from("stdlib-ph"), lib.clone())];
    for p in &programs {
        let mut files = vec![p.clone()];
        files.extend(lib.iter().cloned());
        units.push((p.clone(), files));
    }
    for (what, files) in &units {
        let classes = compile(&sources(files));
        let class_path: HashMap<String, Vec<u8>> = classes.iter().cloned().collect();
        for (name, bytes) in &classes {
            match verify_methods(bytes) {
                Ok(n) => methods += n,
                Err(e) => failures.push(format!("{}: {e}", what.display())),
            }
            if name.starts_with(".internal.") {
                continue;
            }
            // The whole load path too, with the unit's classes on the path.
            let (mut vm, _) = support::vm(1 << 20, class_path.clone());
            match vm.define_class(bytes) {
                Ok(_) => loaded += 1,
                Err(e) => failures.push(format!("{}: {e}", what.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(methods > 500, "only {methods} methods verified");
    assert!(loaded > 100, "only {loaded} classes loaded");
}
