// error: E0205 a class that extends itself, and a two-class inheritance cycle
package .test.err;

class selfish extends selfish
{
};

class ping extends pong
{
};

class pong extends ping
{
};
