// UDP socket. Declared with the intended table of the VM's UDP natives.
// The original VM registered this class with the TCP table instead, and
// the original library declared recvFrom/sendTo with arguments that
// match neither table; these follow the UDP natives.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.udp
{
    .internal.string toString() [5] {}

    // Returns an errno (0 on success). The port is re-bound on restart.
    int bind(var port : int) [16] {}

    // send replies to the sender of the last datagram received; recv
    // takes the next datagram from anyone. Flags must be 0.
    int send(var data : .internal.object, var flags : int) [19] {}
    .internal.string recv(var maxBytes : int, var flags : int) [21] {}

    // Blocks until a datagram arrives from addr:port (IPv4 as an int; 0
    // matches any); datagrams from others are dropped.
    .internal.string recvFrom(var addr : int, var port : int) [23] {}

    // data may be a string or a .internal.binary. Returns the byte count
    // or a negative error.
    int sendTo(var data : .internal.object, var addr : int, var port : int) [25] {}
};
