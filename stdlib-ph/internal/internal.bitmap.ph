// RGBA image.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;
import .internal.io.tty;

class .internal.bitmap
{
    // Parses PPM/PGM/PBM data (P1..P6); throws "can not parse graphics
    // data: <why>".
    void loadFromString(var src : .internal.string) [8] {}

    // Throws in the hosted runtime (no screen yet).
    void paintTo(var window : .internal.io.tty, var xpos : int, var ypos : int) [9] {}
};
