// TCP socket (the original VM implemented only curl; the argument lists
// of the socket calls are our choice). Addresses are IPv4 ints, first
// octet in the top byte (127.0.0.1 is 0x7F000001); flags must be 0. A
// call that would block waits without holding up other threads.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.tcp
{
    .internal.string toString() [5] {}

    // Returns 0 or an errno (111: refused, 106: already connected).
    int connect(var addr : int, var port : int) [16] {}
    // Returns 0, or 107 when not connected.
    int disconnect() [17] {}
    // data is a string or a .internal.binary; returns the bytes sent.
    int send(var data : .internal.object, var flags : int) [19] {}
    // The bytes that arrived (up to maxBytes); "" at the end of the stream.
    .internal.string recv(var maxBytes : int, var flags : int) [21] {}
    // Listens on port (all interfaces; 0: any free port, shown by
    // toString) on the first call; returns a new socket per connection.
    .internal.tcp accept(var port : int, var backlog : int) [23] {}

    // HTTP GET of an http:// url, with extra request headers ("Name: value"
    // lines); returns the body, or an empty string on failure. URL and
    // headers are limited to 1024 bytes.
    .internal.string curl(var url : .internal.string, var headers : .internal.string) [24] {}
};
