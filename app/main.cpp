// The desktop app: everything is built and wired by Application (app/application.h), which tests
// build too.

#include "app/application.h"

int main(int argc, char *argv[])
{
    return Application::run(argc, argv);
}
