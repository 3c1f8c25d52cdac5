//! Opcode numbers of the Phantom VM (`bytecode.md` §3).
//!
//! The names follow `opcode_ids.definitions` without the `opcode_` prefix,
//! upper-cased. Numbers listed in §3.8 as never assigned have no constant;
//! [`is_assigned`] tells them apart.

/// No operation.
pub const NOP: u8 = 0x00;
/// Debug dump: `u8 type` [+ `str` if `type & 0x80`].
pub const DEBUG: u8 = 0x01;
/// Decrement the int-stack top in place, jump if non-zero: `rel`.
pub const DJNZ: u8 = 0x04;
/// Pop an int, jump if zero: `rel`.
pub const JZ: u8 = 0x05;
/// Unconditional jump: `rel`.
pub const JMP: u8 = 0x06;
/// Table jump: `i32 n, i32 shift, i32 div, n × rel`.
pub const SWITCH: u8 = 0x07;
/// Return.
pub const RET: u8 = 0x08;
/// `call ord=0, n=0`.
pub const SHORT_CALL_0: u8 = 0x09;
/// `call ord=1, n=0`.
pub const SHORT_CALL_1: u8 = 0x0A;
/// `call ord=2, n=0`.
pub const SHORT_CALL_2: u8 = 0x0B;
/// `call ord=3, n=0`.
pub const SHORT_CALL_3: u8 = 0x0C;
/// Virtual call: `u8 ord, i32 n`.
pub const CALL_8BIT: u8 = 0x0D;
/// Virtual call: `i32 ord, i32 n`.
pub const CALL_32BIT: u8 = 0x0E;
/// Native call: `u8 k`.
pub const SYS_8BIT: u8 = 0x0F;
/// Duplicate the int-stack top.
pub const IS_DUP: u8 = 0x10;
/// Drop the int-stack top.
pub const IS_DROP: u8 = 0x11;
/// Duplicate the object-stack top.
pub const OS_DUP: u8 = 0x12;
/// Drop the object-stack top.
pub const OS_DROP: u8 = 0x13;
/// Push field of `this`: `u8 f`.
pub const OS_LOAD8: u8 = 0x14;
/// Pop into field of `this`: `u8 f`.
pub const OS_SAVE8: u8 = 0x15;
/// Push field of `this`: `i32 f`.
pub const OS_LOAD32: u8 = 0x16;
/// Pop into field of `this`: `i32 f`.
pub const OS_SAVE32: u8 = 0x17;
/// `class → instance`.
pub const NEW: u8 = 0x18;
/// Object copy (disabled in the VM).
pub const COPY: u8 = 0x19;
/// Compose an object: `i32 n` (disabled in the VM).
pub const OS_COMPOSE32: u8 = 0x1A;
/// Decompose an object (disabled in the VM).
pub const OS_DECOMPOSE: u8 = 0x1B;
/// Push a copy of the entry `d` below the top: `i32 d`.
pub const OS_PULL32: u8 = 0x1C;
/// Push absolute object slot: `i32 p`.
pub const OS_GET32: u8 = 0x1E;
/// Pop into absolute object slot: `i32 p`.
pub const OS_SET32: u8 = 0x1F;
/// Push 0.
pub const ICONST_0: u8 = 0x20;
/// Push 1.
pub const ICONST_1: u8 = 0x21;
/// Push a zero-extended byte: `u8 v`.
pub const ICONST_8BIT: u8 = 0x22;
/// Push an int: `i32 v`.
pub const ICONST_32BIT: u8 = 0x23;
/// Push a new string: `str`.
pub const SCONST_BIN: u8 = 0x24;
/// Push a 64-bit value: `i64 v`.
pub const ICONST_64BIT: u8 = 0x25;
/// Push absolute int cell: `i32 p`.
pub const IS_GET32: u8 = 0x26;
/// Pop into absolute int cell: `i32 p`.
pub const IS_SET32: u8 = 0x27;
/// Push a constant-pool entry: `i32 id`.
pub const CONST_POOL: u8 = 0x28;
/// Reserve locals: `u8 o, u8 i`.
pub const STACK_RESERVE: u8 = 0x29;
/// `obj class → obj`, or throw.
pub const CAST: u8 = 0x2B;
/// Pop a class, push a catcher: `rel`.
pub const PUSH_CATCHER: u8 = 0x2D;
/// Pop the top catcher.
pub const POP_CATCHER: u8 = 0x2E;
/// Throw the object-stack top.
pub const THROW: u8 = 0x2F;
/// Push the current thread.
pub const SUMMON_THREAD: u8 = 0x30;
/// Push `this`.
pub const SUMMON_THIS: u8 = 0x31;
/// Push the null object.
pub const SUMMON_NULL: u8 = 0x37;
/// Push `.internal.class`.
pub const SUMMON_CLASS_CLASS: u8 = 0x38;
/// Push `.internal.int`.
pub const SUMMON_INT_CLASS: u8 = 0x39;
/// Push `.internal.string`.
pub const SUMMON_STRING_CLASS: u8 = 0x3A;
/// Push `.internal.interface`.
pub const SUMMON_INTERFACE_CLASS: u8 = 0x3B;
/// Push `.internal.code`.
pub const SUMMON_CODE_CLASS: u8 = 0x3C;
/// Push `.internal.container.array`.
pub const SUMMON_ARRAY_CLASS: u8 = 0x3D;
/// Push a class by name: `str name`.
pub const SUMMON_BY_NAME: u8 = 0x3F;
/// Box the int-stack top.
pub const I2O: u8 = 0x40;
/// Unbox the object-stack top.
pub const O2I: u8 = 0x41;
/// a + b.
pub const ISUM: u8 = 0x42;
/// a × b.
pub const IMUL: u8 = 0x43;
/// b − a.
pub const ISUBUL: u8 = 0x44;
/// a − b.
pub const ISUBLU: u8 = 0x45;
/// b / a.
pub const IDIVUL: u8 = 0x46;
/// a / b.
pub const IDIVLU: u8 = 0x47;
/// a | b.
pub const IOR: u8 = 0x48;
/// a & b.
pub const IAND: u8 = 0x49;
/// a ^ b.
pub const IXOR: u8 = 0x4A;
/// ~a.
pub const INOT: u8 = 0x4B;
/// Logical or.
pub const LOG_OR: u8 = 0x4C;
/// Logical and.
pub const LOG_AND: u8 = 0x4D;
/// Logical xor.
pub const LOG_XOR: u8 = 0x4E;
/// Logical not.
pub const LOG_NOT: u8 = 0x4F;
/// Push the unboxed int of a field: `u8 f`.
pub const IS_LOAD8: u8 = 0x50;
/// Box and store into a field: `u8 f`.
pub const IS_SAVE8: u8 = 0x51;
/// a ≥ b.
pub const IGE: u8 = 0x52;
/// a ≤ b.
pub const ILE: u8 = 0x53;
/// a > b.
pub const IGT: u8 = 0x54;
/// a < b.
pub const ILT: u8 = 0x55;
/// b % a (not implemented in the VM).
pub const IREMUL: u8 = 0x56;
/// a % b (not implemented in the VM).
pub const IREMLU: u8 = 0x57;
/// Pointer equality.
pub const OS_EQ: u8 = 0x58;
/// Pointer inequality.
pub const OS_NEQ: u8 = 0x59;
/// Null test.
pub const OS_ISNULL: u8 = 0x5A;
/// Next instruction works on longs.
pub const PREFIX_LONG: u8 = 0x5C;
/// Next instruction works on floats.
pub const PREFIX_FLOAT: u8 = 0x5D;
/// Next instruction works on doubles.
pub const PREFIX_DOUBLE: u8 = 0x5E;
/// Pop an object (monitor placeholder).
pub const GENERAL_LOCK: u8 = 0x62;
/// Pop an object (monitor placeholder).
pub const GENERAL_UNLOCK: u8 = 0x63;
/// Non-virtual call: `i32 ord, i32 n`.
pub const STATIC_INVOKE: u8 = 0x6E;
/// Call by name.
pub const DYNAMIC_INVOKE: u8 = 0x6F;
/// v << c.
pub const ISHL: u8 = 0x70;
/// Arithmetic v >> c.
pub const ISHR: u8 = 0x71;
/// Logical v >> c.
pub const USHR: u8 = 0x72;
/// Check the argument count: `u8 n`.
pub const ARG_COUNT: u8 = 0x73;
/// Convert from int to the prefix kind.
pub const FROMI: u8 = 0x74;
/// Convert from long to the prefix kind.
pub const FROML: u8 = 0x75;
/// Convert from float to the prefix kind.
pub const FROMF: u8 = 0x76;
/// Convert from double to the prefix kind.
pub const FROMD: u8 = 0x77;

macro_rules! call_ords {
    ($($name:ident = $val:literal),* $(,)?) => {
        $(
            #[doc = concat!("Virtual call of ordinal ", stringify!($val), " − 0xA0: `u8 n`.")]
            pub const $name: u8 = $val;
        )*
    };
}

call_ords! {
    CALL_00 = 0xA0, CALL_01 = 0xA1, CALL_02 = 0xA2, CALL_03 = 0xA3,
    CALL_04 = 0xA4, CALL_05 = 0xA5, CALL_06 = 0xA6, CALL_07 = 0xA7,
    CALL_08 = 0xA8, CALL_09 = 0xA9, CALL_0A = 0xAA, CALL_0B = 0xAB,
    CALL_0C = 0xAC, CALL_0D = 0xAD, CALL_0E = 0xAE, CALL_0F = 0xAF,
    CALL_10 = 0xB0, CALL_11 = 0xB1, CALL_12 = 0xB2, CALL_13 = 0xB3,
    CALL_14 = 0xB4, CALL_15 = 0xB5, CALL_16 = 0xB6, CALL_17 = 0xB7,
    CALL_18 = 0xB8, CALL_19 = 0xB9, CALL_1A = 0xBA, CALL_1B = 0xBB,
    CALL_1C = 0xBC, CALL_1D = 0xBD, CALL_1E = 0xBE, CALL_1F = 0xBF,
}

/// Whether `op` is one of the `call_00..call_1F` opcodes (ordinal in the low five bits).
pub fn is_call_ord(op: u8) -> bool {
    (CALL_00..=CALL_1F).contains(&op)
}

/// Whether `op` is a type prefix.
pub fn is_prefix(op: u8) -> bool {
    matches!(op, PREFIX_LONG | PREFIX_FLOAT | PREFIX_DOUBLE)
}

/// The `opcode_ids` name of an opcode (without `opcode_`), or `None` if the
/// number was never assigned (`bytecode.md` §3.8).
pub fn name(op: u8) -> Option<&'static str> {
    const CALLS: [&str; 32] = [
        "call_00", "call_01", "call_02", "call_03", "call_04", "call_05", "call_06", "call_07",
        "call_08", "call_09", "call_0A", "call_0B", "call_0C", "call_0D", "call_0E", "call_0F",
        "call_10", "call_11", "call_12", "call_13", "call_14", "call_15", "call_16", "call_17",
        "call_18", "call_19", "call_1A", "call_1B", "call_1C", "call_1D", "call_1E", "call_1F",
    ];
    Some(match op {
        NOP => "nop",
        DEBUG => "debug",
        DJNZ => "djnz",
        JZ => "jz",
        JMP => "jmp",
        SWITCH => "switch",
        RET => "ret",
        SHORT_CALL_0 => "short_call_0",
        SHORT_CALL_1 => "short_call_1",
        SHORT_CALL_2 => "short_call_2",
        SHORT_CALL_3 => "short_call_3",
        CALL_8BIT => "call_8bit",
        CALL_32BIT => "call_32bit",
        SYS_8BIT => "sys_8bit",
        IS_DUP => "is_dup",
        IS_DROP => "is_drop",
        OS_DUP => "os_dup",
        OS_DROP => "os_drop",
        OS_LOAD8 => "os_load8",
        OS_SAVE8 => "os_save8",
        OS_LOAD32 => "os_load32",
        OS_SAVE32 => "os_save32",
        NEW => "new",
        COPY => "copy",
        OS_COMPOSE32 => "os_compose32",
        OS_DECOMPOSE => "os_decompose",
        OS_PULL32 => "os_pull32",
        OS_GET32 => "os_get32",
        OS_SET32 => "os_set32",
        ICONST_0 => "iconst_0",
        ICONST_1 => "iconst_1",
        ICONST_8BIT => "iconst_8bit",
        ICONST_32BIT => "iconst_32bit",
        SCONST_BIN => "sconst_bin",
        ICONST_64BIT => "iconst_64bit",
        IS_GET32 => "is_get32",
        IS_SET32 => "is_set32",
        CONST_POOL => "const_pool",
        STACK_RESERVE => "stack_reserve",
        CAST => "cast",
        PUSH_CATCHER => "push_catcher",
        POP_CATCHER => "pop_catcher",
        THROW => "throw",
        SUMMON_THREAD => "summon_thread",
        SUMMON_THIS => "summon_this",
        SUMMON_NULL => "summon_null",
        SUMMON_CLASS_CLASS => "summon_class_class",
        SUMMON_INT_CLASS => "summon_int_class",
        SUMMON_STRING_CLASS => "summon_string_class",
        SUMMON_INTERFACE_CLASS => "summon_interface_class",
        SUMMON_CODE_CLASS => "summon_code_class",
        SUMMON_ARRAY_CLASS => "summon_array_class",
        SUMMON_BY_NAME => "summon_by_name",
        I2O => "i2o",
        O2I => "o2i",
        ISUM => "isum",
        IMUL => "imul",
        ISUBUL => "isubul",
        ISUBLU => "isublu",
        IDIVUL => "idivul",
        IDIVLU => "idivlu",
        IOR => "ior",
        IAND => "iand",
        IXOR => "ixor",
        INOT => "inot",
        LOG_OR => "log_or",
        LOG_AND => "log_and",
        LOG_XOR => "log_xor",
        LOG_NOT => "log_not",
        IS_LOAD8 => "is_load8",
        IS_SAVE8 => "is_save8",
        IGE => "ige",
        ILE => "ile",
        IGT => "igt",
        ILT => "ilt",
        IREMUL => "iremul",
        IREMLU => "iremlu",
        OS_EQ => "os_eq",
        OS_NEQ => "os_neq",
        OS_ISNULL => "os_isnull",
        PREFIX_LONG => "prefix_long",
        PREFIX_FLOAT => "prefix_float",
        PREFIX_DOUBLE => "prefix_double",
        GENERAL_LOCK => "general_lock",
        GENERAL_UNLOCK => "general_unlock",
        STATIC_INVOKE => "static_invoke",
        DYNAMIC_INVOKE => "dynamic_invoke",
        ISHL => "ishl",
        ISHR => "ishr",
        USHR => "ushr",
        ARG_COUNT => "arg_count",
        FROMI => "fromi",
        FROML => "froml",
        FROMF => "fromf",
        FROMD => "fromd",
        CALL_00..=CALL_1F => CALLS[usize::from(op - CALL_00)],
        _ => return None,
    })
}

/// Whether `op` was ever assigned an instruction (the disabled `copy`,
/// `os_compose32`, `os_decompose`, `iremul` and `iremlu` count as assigned).
pub fn is_assigned(op: u8) -> bool {
    name(op).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranges `bytecode.md` §3.8 lists as never assigned.
    fn unassigned_by_spec(op: u8) -> bool {
        matches!(op,
            0x02..=0x03 | 0x1D | 0x2A | 0x2C | 0x32..=0x36 | 0x3E | 0x5B
            | 0x5F..=0x61 | 0x64..=0x6D | 0x78..=0x9F | 0xC0..=0xFF)
    }

    #[test]
    fn assigned_numbers_are_the_complement_of_section_3_8() {
        for op in 0..=255u8 {
            assert_eq!(is_assigned(op), !unassigned_by_spec(op), "opcode {op:#04x}");
        }
    }

    #[test]
    fn names_match_spec_spot_checks() {
        assert_eq!(name(0x73), Some("arg_count"));
        assert_eq!(name(0xA5), Some("call_05"));
        assert_eq!(name(0xBF), Some("call_1F"));
        assert_eq!(name(0x3F), Some("summon_by_name"));
        assert_eq!(name(0x57), Some("iremlu"));
        assert_eq!(name(0x80), None);
        assert!(is_call_ord(CALL_1F) && !is_call_ord(0xC0) && !is_call_ord(0x9F));
        assert!(is_prefix(0x5D) && !is_prefix(0x5F));
    }
}
