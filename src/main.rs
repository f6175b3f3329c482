/// mimalloc rather than glibc's malloc: see `pcrm::allocator`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    pcrm::allocator::without_huge_pages();
    std::process::exit(pcrm::cli::main_with_args(std::env::args_os()));
}
