// Native window. Drawing goes to an off-screen buffer; with auto update
// off, call update() to show it.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.window
{
    int getXSize() [16] {}
    int getYSize() [17] {}
    int getX() [18] {}
    int getY() [19] {}

    void clear() [20] {}
    void fill(var color : int) [21] {}

    void setFg(var color : int) [22] {}
    void setBg(var color : int) [23] {}

    void drawString(var x : int, var y : int, var s : .internal.string) [24] {}

    // img is a .internal.bitmap; typed loosely because callers often hold
    // bitmaps in untyped variables.
    void drawImage(var x : int, var y : int, var img : .internal.object) [25] {}

    void setWinSize(var xsize : int, var ysize : int) [26] {}
    void setWinPosition(var x : int, var y : int) [27] {}

    void drawLine(var x : int, var y : int, var xsize : int, var ysize : int) [28] {}
    void drawBox(var x : int, var y : int, var xsize : int, var ysize : int) [29] {}
    void fillBox(var x : int, var y : int, var xsize : int, var ysize : int) [30] {}
    void fillEllipse(var x : int, var y : int, var xsize : int, var ysize : int) [31] {}

    // The original typed this .ru.dz.phantom.handler, a class outside the
    // standard library; any object with the handler's methods will do.
    void setEventHandler(var handler : .internal.object) [32] {}

    void setTitle(var title : .internal.string) [33] {}

    void update() [34] {}

    // Returns an errno.
    int scrollHor(var x : int, var y : int, var xsize : int, var ysize : int, var steps : int) [35] {}

    void drawImagePart(var x : int, var y : int, var img : .internal.object, var xstart : int, var ystart : int, var xsize : int, var ysize : int) [36] {}

    // On by default; repainting after every call flickers, so turn it off
    // and call update() when a frame is complete.
    void setAutoUpdate(var auto : int) [37] {}
};
