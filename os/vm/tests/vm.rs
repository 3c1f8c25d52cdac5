//! VM behaviour on hand-built class files: the decisions recorded in
//! `docs/deviations.md` that Phantom source cannot express directly.

use std::sync::Arc;

use classfile::bytecode::encode;
use classfile::records::{ClassFile, ClassHeader, MethodCode, Record};
use ir::code::Op;
use ir::types::NumKind;
use phantom_vm::heap::VecRegion;
use phantom_vm::object::sys;
use phantom_vm::{Ref, Vm};

mod support;
use support::TestHost;

fn vm() -> Vm {
    Vm::new(
        Box::new(VecRegion::new(1 << 20)),
        Box::new(TestHost::default()),
        &[],
    )
}

/// A class file with these methods (ordinal, ops).
fn class(name: &str, parent: &str, n_fields: u32, methods: &[(u32, Vec<Op>)]) -> Vec<u8> {
    let records = methods
        .iter()
        .map(|(ord, ops)| {
            Record::Method(MethodCode {
                name: format!("m{ord}"),
                ordinal: *ord,
                code: encode(ops).expect("valid ops").bytes,
            })
        })
        .collect();
    ClassFile {
        class: ClassHeader {
            name: name.into(),
            n_fields,
            n_methods: 32,
            parent: parent.into(),
            version: None,
        },
        records,
    }
    .write()
}

fn string(vm: &Vm, r: Ref) -> String {
    assert_eq!(vm.sys_of(r), Some(sys::STRING), "not a string");
    String::from_utf8_lossy(vm.heap.bytes(r)).into_owned()
}

/// Runs method `ord` of a new instance of `name` and returns its result.
fn call(vm: &mut Vm, name: &str, ord: u32) -> Result<Ref, Ref> {
    let cls = vm.find_class(name).expect("class loads");
    let obj = vm.new_instance(cls).expect("instance");
    let r = vm.call_sync(obj, ord, &[]);
    vm.heap.dec(obj);
    r
}

#[test]
fn no_tail_call_shortcut() {
    let mut vm = vm();
    let c = class(
        ".t.tail",
        ".internal.object",
        0,
        &[
            (
                8,
                vec![
                    Op::SConst(b"mine".to_vec()),
                    Op::SummonThis,
                    Op::Call { ord: 16, nargs: 0 },
                    Op::OsDrop,
                    Op::Ret,
                ],
            ),
            (16, vec![Op::SConst(b"callee".to_vec()), Op::Ret]),
        ],
    );
    vm.define_class(&c).expect("loads");
    let r = call(&mut vm, ".t.tail", 8).expect("returns");
    // The original's shortcut would hand "callee" to our caller.
    assert_eq!(string(&vm, r), "mine");
}

#[test]
fn o2i_converts_and_checks() {
    let mut vm = vm();
    let c = class(
        ".t.unbox",
        ".internal.object",
        0,
        &[
            // int 5 boxed, unboxed as a long, boxed as a long.
            (
                8,
                vec![
                    Op::IConst(NumKind::Int, 5),
                    Op::I2o(NumKind::Int),
                    Op::O2i(NumKind::Long),
                    Op::I2o(NumKind::Long),
                    Op::Ret,
                ],
            ),
            // A string is not a number (the original gave its length).
            (
                9,
                vec![
                    Op::SConst(b"abc".to_vec()),
                    Op::O2i(NumKind::Int),
                    Op::I2o(NumKind::Int),
                    Op::Ret,
                ],
            ),
            // double 2.5 unboxed as an int truncates.
            (
                10,
                vec![
                    Op::IConst64(2.5f64.to_bits() as i64),
                    Op::I2o(NumKind::Double),
                    Op::O2i(NumKind::Int),
                    Op::I2o(NumKind::Int),
                    Op::Ret,
                ],
            ),
        ],
    );
    vm.define_class(&c).expect("loads");
    let r = call(&mut vm, ".t.unbox", 8).expect("returns");
    assert_eq!(vm.sys_of(r), Some(sys::LONG));
    assert_eq!(vm.heap.get64(r, 0), 5);
    let x = call(&mut vm, ".t.unbox", 9).expect_err("throws");
    assert!(
        string(&vm, x).contains("is not a number"),
        "{}",
        string(&vm, x)
    );
    let r = call(&mut vm, ".t.unbox", 10).expect("returns");
    assert_eq!(vm.heap.get(r, 0), 2);
}

#[test]
fn instance_size_covers_parent_fields() {
    let mut vm = vm();
    let parent = class(
        ".t.parent",
        ".internal.object",
        3,
        &[(
            16,
            vec![
                Op::SConst(b"p".to_vec()),
                Op::Save(2),
                Op::SummonNull,
                Op::Ret,
            ],
        )],
    );
    // The child's header claims one field, fewer than its parent has.
    let child = class(
        ".t.child",
        ".t.parent",
        1,
        &[(
            8,
            vec![
                Op::SummonThis,
                Op::Call { ord: 16, nargs: 0 },
                Op::OsDrop,
                Op::Load(2),
                Op::Ret,
            ],
        )],
    );
    vm.define_class(&parent).expect("loads");
    vm.define_class(&child).expect("loads");
    let r = call(&mut vm, ".t.child", 8).expect("returns");
    assert_eq!(string(&vm, r), "p");
}

#[test]
fn dynamic_invoke_finds_inherited_methods() {
    let mut vm = vm();
    let parent = class(
        ".t.base",
        ".internal.object",
        0,
        &[(16, vec![Op::SConst(b"inherited".to_vec()), Op::Ret])],
    );
    let child = class(
        ".t.derived",
        ".t.base",
        0,
        &[(
            8,
            vec![
                Op::SummonThis,
                Op::SConst(b"m16".to_vec()),
                Op::IConst(NumKind::Int, 0),
                Op::DynamicInvoke,
                Op::Ret,
            ],
        )],
    );
    vm.define_class(&parent).expect("loads");
    vm.define_class(&child).expect("loads");
    let r = call(&mut vm, ".t.derived", 8).expect("returns");
    assert_eq!(string(&vm, r), "inherited");
}

#[test]
fn throwing_null_throws_a_string() {
    let mut vm = vm();
    let c = class(
        ".t.thrownull",
        ".internal.object",
        0,
        &[(8, vec![Op::SummonNull, Op::Throw, Op::Ret])],
    );
    vm.define_class(&c).expect("loads");
    let x = call(&mut vm, ".t.thrownull", 8).expect_err("throws");
    assert_eq!(string(&vm, x), "null was thrown");
}

#[test]
fn unbounded_recursion_throws_stack_overflow() {
    let mut vm = vm();
    let c = class(
        ".t.deep",
        ".internal.object",
        0,
        &[(
            8,
            vec![Op::SummonThis, Op::Call { ord: 8, nargs: 0 }, Op::Ret],
        )],
    );
    vm.define_class(&c).expect("loads");
    let x = call(&mut vm, ".t.deep", 8).expect_err("throws");
    assert!(string(&vm, x).starts_with("stack overflow"));
}

#[test]
fn console_print_prints_arguments_in_order() {
    let host = TestHost::default();
    let out = Arc::clone(&host.out);
    let mut vm = Vm::new(Box::new(VecRegion::new(1 << 20)), Box::new(host), &[]);
    let c = class(
        ".t.print",
        ".internal.object",
        0,
        &[(
            8,
            vec![
                Op::SummonClass(ir::code::Summon::ByName(".internal.boot".into())),
                Op::New,
                Op::SConst(b"a".to_vec()),
                Op::SConst(b"b".to_vec()),
                Op::Call { ord: 16, nargs: 2 },
                Op::Ret,
            ],
        )],
    );
    vm.define_class(&c).expect("loads");
    call(&mut vm, ".t.print", 8).expect("returns");
    assert_eq!(out.lock().unwrap().as_slice(), b"ab");
}

#[test]
fn a_class_may_not_extend_an_internal_class() {
    let mut vm = vm();
    let c = class(
        ".t.mystring",
        ".internal.string",
        0,
        &[(8, vec![Op::SummonNull, Op::Ret])],
    );
    let e = vm.define_class(&c).expect_err("refused");
    assert!(
        e.to_string()
            .contains("cannot extend the internal class .internal.string"),
        "{e}"
    );
}

#[test]
fn memory_is_reclaimed_by_reference_counting() {
    let mut vm = vm();
    // Allocate 100,000 strings in a loop; each is dropped at once.
    let c = class(
        ".t.churn",
        ".internal.object",
        0,
        &[(
            8,
            vec![
                Op::StackReserve { obj: 0, int: 1 },
                Op::IConst(NumKind::Int, 100_000),
                Op::IsSet(NumKind::Int, 0),
                Op::Label(ir::code::Label(0)),
                Op::SConst(vec![b'x'; 100]),
                Op::OsDrop,
                Op::IsGet(NumKind::Int, 0),
                Op::IConst(NumKind::Int, 1),
                Op::Arith(NumKind::Int, ir::code::ArithOp::SubLu),
                Op::IsDup(NumKind::Int),
                Op::IsSet(NumKind::Int, 0),
                Op::Jz(ir::code::Label(1)),
                Op::Jmp(ir::code::Label(0)),
                Op::Label(ir::code::Label(1)),
                Op::SummonNull,
                Op::Ret,
            ],
        )],
    );
    vm.define_class(&c).expect("loads");
    let before = vm.heap.live_cells();
    call(&mut vm, ".t.churn", 8).expect("returns");
    // 100,000 × 30 cells were allocated; almost nothing is left.
    assert!(
        vm.heap.live_cells() < before + 1000,
        "{} -> {}",
        before,
        vm.heap.live_cells()
    );
}
