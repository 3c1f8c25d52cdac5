// Text console window. Its native window is recreated on restart.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.io.tty
{
    .internal.string getwc() [16] {}

    void putws(var text : .internal.string) [17] {}

    void debug(var o : .internal.object) [18] {}

    void gotoxy(var x : int, var y : int) [19] {}

    void clear() [20] {}

    void setcolor(var color : int) [21] {}

    // 22 (fill) and 23 (putblock) exist natively but their arguments are
    // not documented; left undeclared until they are.

    void moveWindow(var x : int, var y : int) [24] {}

    void setTitle(var title : .internal.string) [25] {}

    void setbgcolor(var color : int) [26] {}
};
