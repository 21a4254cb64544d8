use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    carepath::cli::run(carepath::cli::Cli::parse())
}
