#pragma once

#include "core/net/endpoint.h"
#include "core/net/multicastgroups.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

/// The udpchat command line, parsed without side effects so it can be tested; main() decides
/// what to print and how to exit.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    enum class Action { Run, ShowHelp, ShowVersion, Error };

    struct Result
    {
        Action action = Action::Run;
        std::optional<quint16> bindPort; ///< --bind-port (0 = any free port)
        std::optional<Endpoint> target; ///< --target
        std::optional<QString> profileDirectory; ///< --profile, as given (not empty)
        /// --encoding: for sending and receiving, as spelled in TextCodec::availableEncodings()
        std::optional<QString> encoding;
        std::optional<QString> mode; ///< --mode: "plain" or "ipmsg"
        std::optional<QString> nickname; ///< --nickname (IP Messenger mode)
        QList<MulticastGroup> groups; ///< --join, in the order given, each once
        QString text; ///< help text, version line or the error, ready to print
    };

    /// @p arguments includes the program name first, as QCoreApplication::arguments().
    static Result parse(const QStringList &arguments);

    /// Exit status for a command-line error.
    static constexpr int UsageError = 2;
};
