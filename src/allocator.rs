//! The memory allocator. The binary runs on mimalloc (`main.rs`): sled
//! allocates and frees a node for every page it reads, and with glibc's
//! malloc that was a third of a full classification pass (`perf`): the pass
//! over a million customers went from 11-14 s to 4.4 s, the search index
//! build from 2.6 s to 1.3 s (`pcrm bench classify`, `pcrm bench search`).

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
