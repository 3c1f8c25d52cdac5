// checkcast and instanceof: up and down casts, failing casts with Java's
// ClassCastException message, null, class names through getClass().
public class Casts {
    static class Animal {
        String name() {
            return "animal";
        }
    }

    static class Cat extends Animal {
        String name() {
            return "cat";
        }
        String purr() {
            return "purr";
        }
    }

    static class Dog extends Animal {
    }

    static String describe(Object o) {
        if (o instanceof Cat) {
            return "a cat that says " + ((Cat) o).purr();
        } else if (o instanceof Animal) {
            return "an animal named " + ((Animal) o).name();
        } else if (o instanceof String) {
            return "the string " + o;
        } else if (o instanceof Integer) {
            return "the integer " + ((Integer) o + 1);
        }
        return "something else";
    }

    public static void main(String[] args) {
        Object[] things = {new Cat(), new Dog(), "hi", 41, null, new int[2]};
        for (Object o : things) {
            System.out.println(describe(o) + " " + (o instanceof Object));
        }
        Animal a = new Dog();
        try {
            Cat c = (Cat) a;
            System.out.println(c.purr());
        } catch (ClassCastException e) {
            System.out.println(e.getMessage());
        }
        Object s = "text";
        try {
            Integer i = (Integer) s;
            System.out.println(i);
        } catch (ClassCastException e) {
            System.out.println(e.getMessage());
        }
        try {
            Animal x = (Animal) (Object) Integer.valueOf(5);
            System.out.println(x);
        } catch (ClassCastException e) {
            System.out.println(e.getMessage());
        }
        Object n = null;
        Cat none = (Cat) n;
        System.out.println(none == null);
        System.out.println(a.getClass().getName() + " " + a.getClass().getSimpleName() + " " + "x".getClass().getName());
        System.out.println(new Cat().getClass() == Cat.class);
    }
}
