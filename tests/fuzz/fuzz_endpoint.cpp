// What a person types (or a settings file holds) as a target.
// Properties: a parse either yields a concrete, sendable endpoint or a null address with an
// error; never an unspecified or null address that writeDatagram() would deliver locally.

#include "core/net/endpoint.h"
#include "fuzzcheck.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    const auto address = EndpointParser::parseAddress(text);
    if (address.ok()) {
        FUZZ_CHECK((Endpoint{address.address, 1}.isValid()));
        FUZZ_CHECK(!EndpointParser::describe(address.error).size());
    } else {
        FUZZ_CHECK(address.address.isNull());
        FUZZ_CHECK(!EndpointParser::describe(address.error).isEmpty());
    }

    const auto port = EndpointParser::parsePort(text);
    FUZZ_CHECK(port.ok() == (port.port != 0));

    const auto endpoint = EndpointParser::parseEndpoint(text);
    if (endpoint.ok()) {
        FUZZ_CHECK(endpoint.endpoint.isValid());
        // The canonical form parses back to the same endpoint.
        const auto again = EndpointParser::parseEndpoint(endpoint.endpoint.toString());
        FUZZ_CHECK(again.ok() && again.endpoint == endpoint.endpoint);
    } else {
        FUZZ_CHECK(!endpoint.error.isEmpty());
    }
    return 0;
}
