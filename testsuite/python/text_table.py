# Formatting a report table with alignment and totals.
rows = [
    ("Widget", 12, 350),
    ("Gadget", 3, 1299),
    ("Doohickey", 150, 25),
    ("Thingamajig", 1, 99999),
]
w = max(len(r[0]) for r in rows)
header = f"{'item':<{w}} | {'qty':>5} | {'cents':>8} | {'total':>10}"
print(header)
print("-" * len(header))
grand = 0
for name, qty, cents in rows:
    total = qty * cents
    grand += total
    print(f"{name:<{w}} | {qty:>5} | {cents:>8,} | {total:>10,}")
print("=" * len(header))
print(f"{'sum':<{w}} | {sum(r[1] for r in rows):>5} | {'':>8} | {grand:>10,}")
print(f"average qty {sum(r[1] for r in rows) // len(rows)}, priciest {max(rows, key=lambda r: r[2])[0]}")
for name, qty, cents in sorted(rows, key=lambda r: (-r[1], r[0])):
    bar = "#" * (qty // 10) or "."
    print(f"{name:>12} {bar}")
