fn main() {
    pcrm::cli::allocator::limit_malloc_arenas();
    std::process::exit(pcrm::cli::main_with_args(std::env::args_os()));
}
