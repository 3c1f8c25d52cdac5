//! The VGA text screen (80x25 at physical 0xB8000, identity-mapped): the
//! program's console output also appears in QEMU's window. Lines scroll up
//! at the bottom; the hardware cursor follows the text.

use x86_64::instructions::port::Port;

use crate::sync::spin::SpinLock;

const COLS: usize = 80;
const ROWS: usize = 25;
const BUFFER: usize = 0xb8000;
/// Light grey on black.
const ATTR: u16 = 0x07 << 8;

struct Screen {
    col: usize,
    row: usize,
}

static SCREEN: SpinLock<Screen> = SpinLock::new(Screen { col: 0, row: 0 });

impl Screen {
    fn cell(row: usize, col: usize) -> *mut u16 {
        (BUFFER as *mut u16).wrapping_add(row * COLS + col)
    }

    fn put(&mut self, b: u8) {
        match b {
            b'\n' => self.newline(),
            b'\r' => self.col = 0,
            b'\t' => {
                for _ in 0..(8 - self.col % 8) {
                    self.put(b' ');
                }
            }
            0x08 => self.col = self.col.saturating_sub(1),
            _ => {
                if self.col == COLS {
                    self.newline();
                }
                // Bytes outside printable ASCII show as code page 437 glyphs,
                // which is what the hardware has.
                // SAFETY: (row, col) is inside the 80x25 text buffer.
                unsafe { Self::cell(self.row, self.col).write_volatile(ATTR | u16::from(b)) };
                self.col += 1;
            }
        }
    }

    fn newline(&mut self) {
        self.col = 0;
        if self.row + 1 < ROWS {
            self.row += 1;
            return;
        }
        for r in 1..ROWS {
            for c in 0..COLS {
                // SAFETY: both cells are inside the text buffer.
                unsafe {
                    let v = Self::cell(r, c).read_volatile();
                    Self::cell(r - 1, c).write_volatile(v);
                }
            }
        }
        self.clear_row(ROWS - 1);
    }

    fn clear_row(&mut self, row: usize) {
        for c in 0..COLS {
            // SAFETY: inside the text buffer.
            unsafe { Self::cell(row, c).write_volatile(ATTR | u16::from(b' ')) };
        }
    }

    fn move_cursor(&self) {
        let pos = (self.row * COLS + self.col.min(COLS - 1)) as u16;
        // SAFETY: the CRT controller's index and data ports (cursor location).
        unsafe {
            let mut index = Port::<u8>::new(0x3d4);
            let mut data = Port::<u8>::new(0x3d5);
            index.write(0x0f);
            data.write(pos as u8);
            index.write(0x0e);
            data.write((pos >> 8) as u8);
        }
    }
}

/// Clears the screen and puts the cursor at the top left.
pub fn clear() {
    let mut s = SCREEN.lock();
    for r in 0..ROWS {
        s.clear_row(r);
    }
    s.row = 0;
    s.col = 0;
    s.move_cursor();
}

/// Writes bytes to the screen.
pub fn write_bytes(bytes: &[u8]) {
    let mut s = SCREEN.lock();
    for &b in bytes {
        s.put(b);
    }
    s.move_cursor();
}
