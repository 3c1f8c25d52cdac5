// RGBA image.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;
import .internal.io.tty;

class .internal.bitmap
{
    // Parses PPM/PBM data; throws "can not parse graphics data".
    void loadFromString(var src : .internal.string) [8] {}

    // A no-op in the original VM.
    void paintTo(var window : .internal.io.tty, var xpos : int, var ypos : int) [9] {}
};
