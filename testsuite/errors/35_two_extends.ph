// error: E0205 a class can extend only one class
package .test.err;

class a1
{
};

class a2
{
};

class both extends a1 extends a2
{
};
