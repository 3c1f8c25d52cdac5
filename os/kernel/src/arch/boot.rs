//! Multiboot v1 header and the 32-bit entry: identity-maps the first 4 GiB
//! with 2 MiB pages, enables PAE, long mode, NX and SSE, loads a minimal GDT
//! and calls `kernel_main(multiboot_info, magic)` in 64-bit mode.

core::arch::global_asm!(
    r#"
.section .multiboot, "a"
.balign 4
multiboot_header:
    .long 0x1BADB002
    .long 0x00010003            /* page-align modules, memory map, address fields */
    .long 0xE4514FFB            /* -(magic + flags) */
    .long multiboot_header      /* header_addr */
    .long __kernel_start        /* load_addr */
    .long __load_end            /* load_end_addr */
    .long __bss_end             /* bss_end_addr */
    .long _start                /* entry_addr */

.section .text.boot, "ax"
.code32
.global _start
_start:
    cli
    movl $boot_stack_top, %esp
    movl %ebx, %edi
    movl %eax, %esi

    movl $boot_pdpt, %eax
    orl $3, %eax
    movl %eax, boot_pml4

    movl $boot_pd, %eax
    orl $3, %eax
    xorl %ecx, %ecx
.Lfill_pdpt:
    movl %eax, boot_pdpt(,%ecx,8)
    addl $4096, %eax
    incl %ecx
    cmpl $4, %ecx
    jne .Lfill_pdpt

    movl $0x83, %eax
    xorl %ecx, %ecx
.Lfill_pd:
    movl %eax, boot_pd(,%ecx,8)
    addl $0x200000, %eax
    incl %ecx
    cmpl $2048, %ecx
    jne .Lfill_pd

    movl $boot_pml4, %eax
    movl %eax, %cr3
    movl %cr4, %eax
    orl $0x620, %eax            /* PAE | OSFXSR | OSXMMEXCPT */
    movl %eax, %cr4
    movl $0xC0000080, %ecx
    rdmsr
    orl $0x900, %eax            /* EFER.LME | EFER.NXE */
    wrmsr
    movl %cr0, %eax
    andl $0xFFFFFFFB, %eax      /* clear EM: SSE instructions must not trap */
    orl $0x80010002, %eax       /* PG | WP | MP */
    movl %eax, %cr0
    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode_entry

.code64
long_mode_entry:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    xorw %ax, %ax
    movw %ax, %fs
    movw %ax, %gs
    movq $boot_stack_top, %rsp
    xorl %ebp, %ebp
    movl %edi, %edi
    movl %esi, %esi
    call kernel_main
.Lhang:
    hlt
    jmp .Lhang

.section .rodata.boot, "a"
.balign 16
boot_gdt:
    .quad 0
    .quad 0x00AF9A000000FFFF
    .quad 0x00CF92000000FFFF
boot_gdt_end:
boot_gdt_ptr:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

.section .bss.boot, "aw", @nobits
.balign 4096
boot_pml4:
    .skip 4096
boot_pdpt:
    .skip 4096
boot_pd:
    .skip 4096 * 4
.global boot_stack_bottom
boot_stack_bottom:
    .skip 65536
.global boot_stack_top
boot_stack_top:
"#,
    options(att_syntax)
);
