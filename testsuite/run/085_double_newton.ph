// covers: double arithmetic in loops: Newton's square root iteration (printed with %f), a harmonic sum, compound interest, comparisons between doubles as loop conditions
package .test;

class main
{
    var out;

    double sqrt(var x : double)
    {
        var g : double;
        var i : int;
        g = x;
        i = 0;
        while (i < 30)
        {
            g = (g + x / g) / 2;
            i = i + 1;
        }
        return g;
    }

    void run(var boot) [8]
    {
        var h : double;
        var money : double;
        var k : int;
        var years : int;
        var one : double;
        out = boot;
        out.16("sqrt(2)=" + sqrt(2) + " sqrt(9)=" + sqrt(9) + " sqrt(1000000)=" + sqrt(1000000) + "\n");
        h = 0;
        k = 1;
        while (k <= 10)
        {
            one = 1;
            h = h + one / k;
            k = k + 1;
        }
        out.16("H(10)=" + h + "\n");
        money = 1000;
        years = 0;
        while (money < 2000)
        {
            money = money * 107 / 100;
            years = years + 1;
        }
        out.16("doubling at 7%: " + years + " years, " + money + "\n");
        out.16("(int) (sqrt(2) * 1000)=" + ((int) (sqrt(2) * 1000)) + "\n");
    }
};
