#include "cli.hpp"

int main(int argc, char** argv) { return alis::server::run_cli(argc, argv); }
