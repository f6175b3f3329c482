//! The memory allocator. The binary runs on mimalloc (`main.rs`): sled
//! allocates and frees a node for every page it reads, and with glibc's
//! malloc that was a third of a full classification pass (`perf`): the pass
//! over a million customers went from 11-14 s to 4.4 s, the search index
//! build from 2.6 s to 1.3 s (`pcrm bench classify`, `pcrm bench search`).

/// Turns transparent huge pages off for this process, first thing in
/// `main`. mimalloc asks for huge pages on its arenas, and the first touch
/// of each then makes the kernel zero 2 MB: in a pass over a million
/// customers, which churns through sled's decoded pages, that zeroing was a
/// sixth of the CPU samples. Without it a playbook run over the 1M book went
/// from 6.5-7.1 s to 5.3 s (system time 3.4-3.9 s to 1.7-1.9 s) and its
/// peak RSS from ~800 MB to 694 MB. The kernel's flag also covers the
/// arena mimalloc reserved before `main`, which its own option would not.
pub fn without_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process; its
    // failure (an old kernel) leaves things as they were.
    unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

/// Hands memory freed after a big build (the search index's parts, the
/// roster's snapshots, sled's decoded pages) back to the system now rather
/// than when the allocator next gets round to it, so that the UI's RSS
/// settles at what it holds.
pub fn release_freed_memory() {
    // SAFETY: mi_collect only returns free pages to the OS; it is safe to
    // call from any thread at any time (a no-op for memory mimalloc does
    // not manage, as in the library's tests).
    unsafe { libmimalloc_sys::mi_collect(true) }
}
