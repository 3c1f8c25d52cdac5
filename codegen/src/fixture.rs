//! The `.demo.counter` class of `listings.md` §1 as the front end would
//! type it, shared by the listing and class-file tests.

use ir::class::{Arg, Class, ClassInfo, Const, Field, Method, MethodSig};
use ir::code::ArithOp;
use ir::tree::{Local, Node, NodeKind, Place, Target};
use ir::types::{NumKind, Type};

fn n(kind: NodeKind, ty: Type, line: u32) -> Node {
    Node::new(kind, ty, line)
}

fn b(node: Node) -> Box<Node> {
    Box::new(node)
}

/// `package .demo; class counter { var total : int; int add(var n : int)
/// { var i : int; i = 0; while (i < n) { total = total + 1; i = i + 1; }
/// print("done"); return total; } void print(var s : string) [20] { } }`
pub fn counter() -> Class {
    let int = Type::INT;
    let void = Type::Void;
    let i = Local {
        name: "i".into(),
        slot: 0,
        place: Place::Int(NumKind::Int),
    };
    let arg_n = Local {
        name: "n".into(),
        slot: 0,
        place: Place::Obj,
    };
    let total = |line| {
        n(
            NodeKind::GetField {
                name: "total".into(),
                ordinal: 0,
            },
            Type::INT,
            line,
        )
    };
    let get_i = |line| n(NodeKind::GetLocal(i.clone()), Type::INT, line);
    let assign_i = |value: Node, line| {
        n(
            NodeKind::Assign {
                target: Target::Local(i.clone()),
                value: b(value),
                keep: false,
            },
            void.clone(),
            line,
        )
    };
    let plus_one = |lhs: Node, line| {
        n(
            NodeKind::Arith {
                op: ArithOp::Add,
                kind: NumKind::Int,
                lhs: b(lhs),
                rhs: Some(b(n(NodeKind::IntConst(1), int.clone(), line))),
            },
            int.clone(),
            line,
        )
    };
    let loop_body = n(
        NodeKind::Seq(vec![
            n(
                NodeKind::Assign {
                    target: Target::Field {
                        name: "total".into(),
                        ordinal: 0,
                    },
                    value: b(n(
                        NodeKind::Box(
                            NumKind::Int,
                            b(plus_one(
                                n(NodeKind::Unbox(NumKind::Int, b(total(11))), int.clone(), 11),
                                11,
                            )),
                        ),
                        int.clone(),
                        11,
                    )),
                    keep: false,
                },
                void.clone(),
                11,
            ),
            assign_i(plus_one(get_i(12), 12), 12),
        ]),
        void.clone(),
        11,
    );
    let class_ty = Type::Class(".demo.counter".into());
    let add_body = n(
        NodeKind::Seq(vec![
            assign_i(n(NodeKind::IntConst(0), int.clone(), 8), 8),
            n(
                NodeKind::While {
                    cond: b(n(
                        NodeKind::Arith {
                            op: ArithOp::Lt,
                            kind: NumKind::Int,
                            lhs: b(get_i(9)),
                            rhs: Some(b(n(
                                NodeKind::Unbox(
                                    NumKind::Int,
                                    b(n(NodeKind::GetLocal(arg_n), int.clone(), 9)),
                                ),
                                int.clone(),
                                9,
                            ))),
                        },
                        int.clone(),
                        9,
                    )),
                    body: b(loop_body),
                },
                void.clone(),
                9,
            ),
            n(
                NodeKind::Discard(b(n(
                    NodeKind::Call {
                        receiver: b(n(NodeKind::This, class_ty, 14)),
                        name: Some("print".into()),
                        ordinal: 20,
                        args: vec![n(
                            NodeKind::StrConst {
                                id: 0,
                                bytes: b"done".to_vec(),
                            },
                            Type::String,
                            14,
                        )],
                    },
                    void.clone(),
                    14,
                ))),
                void.clone(),
                14,
            ),
            n(NodeKind::Return(Some(b(total(15)))), void.clone(), 15),
        ]),
        void.clone(),
        8,
    );
    let sig = |name: &str, ordinal, is_ctor, ret: Type, args: Vec<Arg>| MethodSig {
        name: name.into(),
        ordinal,
        is_ctor,
        ret,
        args,
    };
    let ctor = sig("<init>", 17, true, void.clone(), vec![]);
    let print = sig(
        "print",
        20,
        false,
        void.clone(),
        vec![Arg {
            name: "s".into(),
            ty: Type::String,
        }],
    );
    let add = sig(
        "add",
        16,
        false,
        int.clone(),
        vec![Arg {
            name: "n".into(),
            ty: int.clone(),
        }],
    );
    Class {
        info: ClassInfo {
            name: ".demo.counter".into(),
            parent: ".internal.object".into(),
            n_fields: 1,
            n_methods: 21,
            fields: vec![Field {
                name: "total".into(),
                ordinal: 0,
                ty: int.clone(),
            }],
            methods: vec![ctor.clone(), print.clone(), add.clone()],
        },
        methods: vec![
            Method {
                sig: ctor,
                obj_slots: 0,
                int_slots: 0,
                body: Some(n(NodeKind::Seq(vec![]), void.clone(), 3)),
            },
            Method {
                sig: print,
                obj_slots: 1,
                int_slots: 0,
                body: None,
            },
            Method {
                sig: add,
                obj_slots: 1,
                int_slots: 1,
                body: Some(add_body),
            },
        ],
        consts: vec![Const {
            id: 0,
            bytes: b"done".to_vec(),
        }],
        source: "counter.ph".into(),
    }
}
