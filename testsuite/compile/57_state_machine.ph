// covers: a state machine: switch inside while, continue/break interplay, int state variable, string output per state
package .test.fsm;

class traffic
{
    void main(var boot) [8]
    {
        var state : int;
        var steps : int;
        state = 0;
        steps = 0;
        while (steps < 6)
        {
            steps = steps + 1;
            switch (state)
            {
                case 0:
                    boot.16("red\n");
                    state = 1;
                    break;
                case 1:
                    boot.16("green\n");
                    state = 2;
                    break;
                case 2:
                    boot.16("yellow\n");
                    state = 0;
                    break;
                default:
                    boot.16("broken\n");
            }
            if (state == 0)
                continue;
            boot.16("...\n");
        }
    }
};
