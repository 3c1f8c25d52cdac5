// TCP socket. Only curl is implemented natively; the socket calls throw
// "not implemented" for now, and their argument lists are our choice.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.tcp
{
    .internal.string toString() [5] {}

    int connect(var addr : int, var port : int) [16] {}
    int disconnect() [17] {}
    int send(var data : .internal.object, var flags : int) [19] {}
    .internal.string recv(var maxBytes : int, var flags : int) [21] {}
    .internal.tcp accept(var port : int, var backlog : int) [23] {}

    // HTTP GET of url, with extra request headers; returns the body, or an
    // empty string on failure. URL and headers are limited to 1024 bytes.
    .internal.string curl(var url : .internal.string, var headers : .internal.string) [24] {}
};
