/* covers: block comments, line comments, comments between tokens and inside expressions, comment-like text in strings */
package .test.comments; // trailing line comment

/* a block comment
   spanning several lines
   with // inside */
class commented /* between name and body */
{
    // a field
    var x : int; /* after a member */

    int /* in the middle of a declaration */ get()
    {
        return x /* before operator */ + /* after operator */ 1; // end
    }

    string text()
    {
        return "/* not a comment */ // neither";
    }
};
