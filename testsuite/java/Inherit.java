// Constructors with super(...), overriding, super calls, abstract classes,
// polymorphic dispatch through a base-class array.
public class Inherit {
    static abstract class Shape {
        final String name;
        Shape(String name) {
            this.name = name;
        }
        abstract int area();
        String describe() {
            return name + " with area " + area();
        }
    }

    static class Rect extends Shape {
        int w, h;
        Rect(int w, int h) {
            this("rect", w, h);
        }
        Rect(String n, int w, int h) {
            super(n);
            this.w = w;
            this.h = h;
        }
        int area() {
            return w * h;
        }
    }

    static class Square extends Rect {
        Square(int s) {
            super("square", s, s);
        }
        String describe() {
            return "a " + super.describe();
        }
    }

    static class Circle extends Shape {
        int r;
        Circle(int r) {
            super("circle");
            this.r = r;
        }
        int area() {
            return 3 * r * r;
        }
    }

    public static void main(String[] args) {
        Shape[] shapes = {new Rect(2, 3), new Square(4), new Circle(2)};
        int total = 0;
        for (Shape s : shapes) {
            System.out.println(s.describe());
            total += s.area();
        }
        System.out.println("total " + total);
        Rect r = new Square(5);
        System.out.println(r.w + r.h + r.area());
    }
}
