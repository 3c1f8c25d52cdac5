// error: E0201 unknown class `.test.err.missing` used as a field type and in `new`
package .test.err;

class unknownclass
{
    var m : missing;

    void f()
    {
        m = new .nowhere.thing();
    }
};
