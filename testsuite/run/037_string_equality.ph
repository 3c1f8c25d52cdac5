// covers: == and != on strings compare contents (equals), :== and :!= compare identity, null checks on string variables
package .test;

class main
{
    var out;
    var never : string;

    void run(var boot) [8]
    {
        var a : string;
        var b : string;
        var c : string;
        out = boot;
        a = "phantom";
        b = "phan".concat("tom");
        c = a;
        out.16("a == b " + (a == b) + ", a != b " + (a != b) + "\n");
        out.16("a :== b " + (a :== b) + ", a :!= b " + (a :!= b) + "\n");
        out.16("a :== c " + (a :== c) + ", a == c " + (a == c) + "\n");
        out.16("a == \"phantom\" " + (a == "phantom") + ", a == \"Phantom\" " + (a == "Phantom") + "\n");
        out.16("\"\" == \"\" " + ("" == "") + ", a == \"\" " + (a == "") + "\n");
        out.16("prefix: a == \"phan\" " + (a == "phan") + "\n");
        out.16("never :== null " + (never :== null) + "\n");
        never = a;
        out.16("never :== null " + (never :== null) + ", never == a " + (never == a) + "\n");
        if (a == b)
            out.16("if on == works\n");
        if (a :!= b)
            out.16("but they are different objects\n");
    }
};
