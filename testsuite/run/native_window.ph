// covers: .internal.window in the hosted runtime: the object can be made, but every drawing method throws "graphics are not available in the hosted runtime yet: <method>"; so do ui.control.create and ui.font.load; uncaught, the exception ends the program
package .test;

import .internal.window;
import .internal.bitmap;
import .internal.ui.control;
import .internal.ui.font;

class main
{
    var out;

    void run(var b) [8]
    {
        var w : .internal.window;
        var img : .internal.bitmap;
        out = b;
        w = new .internal.window();
        out.16("made: " + w.toString() + "\n");
        try { w.setTitle("hello"); } catch (string e) { out.16(e + "\n"); }
        try { w.getXSize(); } catch (string e) { out.16(e + "\n"); }
        try { w.fillBox(1, 2, 3, 4); } catch (string e) { out.16(e + "\n"); }
        try { w.drawString(1, 2, "text"); } catch (string e) { out.16(e + "\n"); }
        img = new .internal.bitmap();
        img.loadFromString("P1 1 1 1");
        try { w.drawImage(0, 0, img); } catch (string e) { out.16(e + "\n"); }
        try { w.setAutoUpdate(0); } catch (string e) { out.16(e + "\n"); }
        try { w.update(); } catch (string e) { out.16(e + "\n"); }
        try { new .internal.ui.control().create(); } catch (string e) { out.16(e + "\n"); }
        try { new .internal.ui.font().load(); } catch (string e) { out.16(e + "\n"); }
        w.setWinPosition(10, 10);
        out.16("not reached\n");
    }
};
