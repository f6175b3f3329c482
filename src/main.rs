fn main() {
    std::process::exit(pcrm::cli::main_with_args(std::env::args_os()));
}
