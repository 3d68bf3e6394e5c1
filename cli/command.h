#pragma once

#include <QObject>

/// One run of a udpchat-cli command. start() is called once; finished() follows exactly once,
/// possibly from within start(), with the exit status (see ExitStatus).
class Command : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Command)
public:
    using QObject::QObject;

    virtual void start() = 0;
    /// SIGINT or SIGTERM arrived: end the run now, cleanly, as documented for the command.
    virtual void interrupt(int signalNumber) = 0;

Q_SIGNALS:
    void finished(int exitStatus);
};
