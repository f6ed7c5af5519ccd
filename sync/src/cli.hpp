#pragma once
// alis-sync's command line (serve, init, user add/passwd, org add, backup, check).
namespace alis::server {
int run_cli(int argc, char** argv);
}
