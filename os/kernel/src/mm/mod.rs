//! Memory management: physical frames, page tables, kernel virtual address
//! space, the kernel heap and the page-fault hook.

pub mod fault;
pub mod heap;
pub mod paging;
pub mod phys;
pub mod vspace;

/// Size of a small page.
pub const PAGE_SIZE: u64 = 4096;

/// Rounds `x` up to a multiple of the power of two `align`.
pub const fn align_up(x: u64, align: u64) -> u64 {
    (x + align - 1) & !(align - 1)
}

/// Rounds `x` down to a multiple of the power of two `align`.
pub const fn align_down(x: u64, align: u64) -> u64 {
    x & !(align - 1)
}

/// Reserves `pages` of kernel virtual space (plus `guard` unmapped pages
/// below them) and backs the rest with fresh frames. Returns the address of
/// the first mapped page.
pub fn alloc_pages(pages: u64, guard: u64, access: paging::Access) -> Result<u64, &'static str> {
    let base =
        vspace::alloc(pages + guard, PAGE_SIZE).map_err(|_| "kernel virtual space exhausted")?;
    let start = base + guard * PAGE_SIZE;
    for i in 0..pages {
        let ok = phys::alloc().map(|f| {
            let r = paging::map(start + i * PAGE_SIZE, f, access);
            if r.is_err() {
                let _ = phys::free(f);
            }
            r.is_ok()
        });
        if ok != Some(true) {
            // Roll back what was mapped so far.
            for j in 0..i {
                if let Ok(f) = paging::unmap(start + j * PAGE_SIZE) {
                    let _ = phys::free(f);
                }
            }
            let _ = vspace::free(base, pages + guard);
            return Err("out of physical memory");
        }
    }
    Ok(start)
}

/// Unmaps and frees what [`alloc_pages`] returned.
pub fn free_pages(start: u64, pages: u64, guard: u64) -> Result<(), &'static str> {
    for i in 0..pages {
        let f = paging::unmap(start + i * PAGE_SIZE).map_err(|_| "freeing an unmapped page")?;
        phys::free(f)?;
    }
    if pages > 0 {
        vspace::free(start - guard * PAGE_SIZE, pages + guard).map_err(|_| "bad virtual range")?;
    }
    Ok(())
}
