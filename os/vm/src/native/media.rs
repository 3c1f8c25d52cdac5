//! Graphics: `.internal.bitmap` (PPM/PGM/PBM images), and the classes that
//! need a screen (`.internal.window`, `.internal.ui.control`,
//! `.internal.ui.font`), which the hosted runtime does not have yet: their
//! methods throw a clear exception.
//!
//! A bitmap's image is a `.internal.binary` of `xsize * ysize` pixels of 4
//! bytes each, in the original's `rgba_t` order (blue, green, red, alpha)
//! and with the bottom row first (the original window system's origin is
//! the lower left corner), so that a later window system can blit it as is.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{arg, build, int_arg, ret_int, ret_str, this_is, throw, Fail, NResult, Native};
use crate::heap::Ref;
use crate::object::{sys, INTERNAL};
use crate::thread::Thread;
use crate::vm::Vm;

// ---- bitmap: {image binary, xsize, ysize}

const B_IMAGE: u32 = 0;
const B_XSIZE: u32 = 1;
const B_YSIZE: u32 = 2;

/// `.internal.bitmap`.
pub static BITMAP: [Option<Native>; 10] =
    build(&[(5, bitmap_to_string), (8, load_from_string), (9, paint_to)]);

fn bitmap_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::BITMAP)?;
    let (x, y) = (vm.heap.get(this, B_XSIZE), vm.heap.get(this, B_YSIZE));
    if vm.heap.get_ref(this, B_IMAGE).is_null() {
        ret_str(vm, b"(bitmap, empty)")
    } else {
        ret_str(vm, format!("(bitmap {x}x{y})").as_bytes())
    }
}

fn load_from_string(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::BITMAP)?;
    let src = arg(vm, args, 0)?;
    if !matches!(vm.sys_of(src), Some(sys::STRING | sys::BINARY)) {
        let d = vm.describe(src);
        return Err(throw(
            vm,
            &format!("can not parse graphics data: expected a string, got {d}"),
        ));
    }
    let img = match parse_image(vm.heap.bytes(src)) {
        Ok(img) => img,
        Err(why) => return Err(throw(vm, &format!("can not parse graphics data: {why}"))),
    };
    let cls = vm.internal[sys::BINARY];
    let bin = vm
        .heap
        .new_bytes(cls, INTERNAL[sys::BINARY].flags, &img.bgra)
        .map_err(|_| vm.oom())?;
    vm.heap.put_ref(this, B_IMAGE, bin);
    vm.heap.set(this, B_XSIZE, img.width);
    vm.heap.set(this, B_YSIZE, img.height);
    Ok(Ref::NULL)
}

fn paint_to(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::BITMAP)?;
    Err(no_graphics(vm, "bitmap.paintTo"))
}

fn no_graphics(vm: &mut Vm, what: &str) -> Fail {
    throw(
        vm,
        &format!("graphics are not available in the hosted runtime yet: {what}"),
    )
}

/// A decoded image.
#[derive(Debug, PartialEq, Eq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels: blue, green, red, alpha; bottom row first.
    pub bgra: Vec<u8>,
}

/// Largest image accepted (pixels).
const MAX_PIXELS: u64 = 1 << 26;

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// Skips whitespace and `#` comments.
    fn skip(&mut self) {
        while let Some(&c) = self.b.get(self.at) {
            if c.is_ascii_whitespace() {
                self.at += 1;
            } else if c == b'#' {
                while self
                    .b
                    .get(self.at)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A decimal header number.
    fn number(&mut self, what: &str) -> Result<u32, String> {
        self.skip();
        let start = self.at;
        let mut v: u64 = 0;
        while let Some(&c) = self.b.get(self.at) {
            if !c.is_ascii_digit() {
                break;
            }
            v = v * 10 + u64::from(c - b'0');
            if v > u64::from(u32::MAX) {
                return Err(format!("the {what} is too large"));
            }
            self.at += 1;
        }
        if self.at == start {
            return Err(match self.b.get(self.at) {
                None => format!("the data ends before the {what}"),
                Some(&c) => format!(
                    "expected the {what}, found {:?} at byte {}",
                    c as char, self.at
                ),
            });
        }
        Ok(v as u32)
    }

    /// The single whitespace byte between the header and binary pixels.
    fn raster_start(&mut self) -> Result<(), String> {
        match self.b.get(self.at) {
            Some(c) if c.is_ascii_whitespace() => {
                self.at += 1;
                Ok(())
            }
            None => Err(String::from("the data ends after the header")),
            Some(&c) => Err(format!(
                "expected whitespace after the header, found {:?}",
                c as char
            )),
        }
    }

    /// A text sample (P1 allows digits without separators).
    fn text_sample(&mut self, bit: bool, i: u64) -> Result<u32, String> {
        self.skip();
        if bit {
            return match self.b.get(self.at) {
                Some(&c @ (b'0' | b'1')) => {
                    self.at += 1;
                    Ok(u32::from(c - b'0'))
                }
                None => Err(format!("the pixel data ends at pixel {i}")),
                Some(&c) => Err(format!("bad bit {:?} at pixel {i}", c as char)),
            };
        }
        if self.at >= self.b.len() {
            return Err(format!("the pixel data ends at sample {i}"));
        }
        self.number("sample")
    }
}

/// Parses a PBM (P1, P4), PGM (P2, P5) or PPM (P3, P6) image.
pub fn parse_image(data: &[u8]) -> Result<Image, String> {
    if data.len() < 2 || data[0] != b'P' {
        return Err(String::from(
            "not a PPM/PGM/PBM image (no P1..P6 magic number)",
        ));
    }
    let kind = data[1];
    if !(b'1'..=b'6').contains(&kind) {
        return Err(format!("unsupported image type P{}", kind as char));
    }
    let mut r = Reader { b: data, at: 2 };
    let bits = kind == b'1' || kind == b'4';
    let width = r.number("width")?;
    let height = r.number("height")?;
    if width == 0 || height == 0 {
        return Err(format!("empty image ({width}x{height})"));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(format!("image too large ({width}x{height})"));
    }
    let maxval = if bits { 1 } else { r.number("maximum value")? };
    if maxval == 0 || maxval > 65535 {
        return Err(format!("bad maximum value {maxval} (must be 1..65535)"));
    }
    let channels: u64 = match kind {
        b'3' | b'6' => 3,
        _ => 1,
    };
    let samples = pixels * channels;
    let mut vals: Vec<u32> = Vec::with_capacity(samples as usize);
    match kind {
        b'1'..=b'3' => {
            for i in 0..samples {
                let v = r.text_sample(bits, i)?;
                if v > maxval {
                    return Err(format!("sample {i} is {v}, above the maximum {maxval}"));
                }
                vals.push(v);
            }
        }
        b'4' => {
            r.raster_start()?;
            let row_bytes = (u64::from(width)).div_ceil(8);
            let need = row_bytes * u64::from(height);
            let raster = &data[r.at..];
            if (raster.len() as u64) < need {
                return Err(format!(
                    "truncated pixel data (need {need} bytes, have {})",
                    raster.len()
                ));
            }
            for y in 0..u64::from(height) {
                for x in 0..u64::from(width) {
                    let byte = raster[(y * row_bytes + x / 8) as usize];
                    vals.push(u32::from((byte >> (7 - (x % 8))) & 1));
                }
            }
        }
        _ => {
            r.raster_start()?;
            let wide = maxval > 255;
            let need = samples * if wide { 2 } else { 1 };
            let raster = &data[r.at..];
            if (raster.len() as u64) < need {
                return Err(format!(
                    "truncated pixel data (need {need} bytes, have {})",
                    raster.len()
                ));
            }
            for i in 0..samples as usize {
                let v = if wide {
                    u32::from(raster[2 * i]) << 8 | u32::from(raster[2 * i + 1])
                } else {
                    u32::from(raster[i])
                };
                if v > maxval {
                    return Err(format!("sample {i} is {v}, above the maximum {maxval}"));
                }
                vals.push(v);
            }
        }
    }
    let scale = |v: u32| -> u8 { ((v * 255 + maxval / 2) / maxval) as u8 };
    let mut bgra = alloc::vec![0u8; pixels as usize * 4];
    let (w, h) = (width as usize, height as usize);
    for row in 0..h {
        // Bottom row first.
        let out_row = h - 1 - row;
        for x in 0..w {
            let p = row * w + x;
            let (red, green, blue) = if bits {
                // PBM: 1 is black.
                let c = if vals[p] == 1 { 0 } else { 255 };
                (c, c, c)
            } else if channels == 1 {
                let c = scale(vals[p]);
                (c, c, c)
            } else {
                (
                    scale(vals[3 * p]),
                    scale(vals[3 * p + 1]),
                    scale(vals[3 * p + 2]),
                )
            };
            let o = (out_row * w + x) * 4;
            bgra[o..o + 4].copy_from_slice(&[blue, green, red, 255]);
        }
    }
    Ok(Image {
        width,
        height,
        bgra,
    })
}

// ---- classes that need a screen

macro_rules! unavailable {
    ($($f:ident => $what:expr),* $(,)?) => {
        $(
            fn $f(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
                Err(no_graphics(vm, $what))
            }
        )*
    };
}

unavailable! {
    w_get_x_size => "window.getXSize",
    w_get_y_size => "window.getYSize",
    w_get_x => "window.getX",
    w_get_y => "window.getY",
    w_clear => "window.clear",
    w_fill => "window.fill",
    w_set_fg => "window.setFg",
    w_set_bg => "window.setBg",
    w_draw_string => "window.drawString",
    w_draw_image => "window.drawImage",
    w_set_win_size => "window.setWinSize",
    w_set_win_position => "window.setWinPosition",
    w_draw_line => "window.drawLine",
    w_draw_box => "window.drawBox",
    w_fill_box => "window.fillBox",
    w_fill_ellipse => "window.fillEllipse",
    w_set_event_handler => "window.setEventHandler",
    w_set_title => "window.setTitle",
    w_update => "window.update",
    w_scroll_hor => "window.scrollHor",
    w_draw_image_part => "window.drawImagePart",
    w_set_auto_update => "window.setAutoUpdate",
    control_create => "ui.control.create",
    font_load => "ui.font.load",
}

/// `.internal.window`: every method throws until there is a screen.
pub static WINDOW: [Option<Native>; 38] = build(&[
    (5, window_to_string),
    (16, w_get_x_size),
    (17, w_get_y_size),
    (18, w_get_x),
    (19, w_get_y),
    (20, w_clear),
    (21, w_fill),
    (22, w_set_fg),
    (23, w_set_bg),
    (24, w_draw_string),
    (25, w_draw_image),
    (26, w_set_win_size),
    (27, w_set_win_position),
    (28, w_draw_line),
    (29, w_draw_box),
    (30, w_fill_box),
    (31, w_fill_ellipse),
    (32, w_set_event_handler),
    (33, w_set_title),
    (34, w_update),
    (35, w_scroll_hor),
    (36, w_draw_image_part),
    (37, w_set_auto_update),
]);

fn window_to_string(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"(window)")
}

/// `.internal.ui.control`.
pub static CONTROL: [Option<Native>; 17] = build(&[(5, control_to_string), (16, control_create)]);

fn control_to_string(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"(ui control)")
}

/// `.internal.ui.font`.
pub static FONT: [Option<Native>; 17] = build(&[(5, font_to_string), (16, font_load)]);

fn font_to_string(vm: &mut Vm, _: &mut Thread, _: Ref, _: &[Ref]) -> NResult {
    ret_str(vm, b"(ui font)")
}

// ---- closures: {object, ordinal}

const CL_OBJECT: u32 = 0;
const CL_ORDINAL: u32 = 1;

/// `.internal.closure`.
pub static CLOSURE: [Option<Native>; 12] = build(&[
    (5, closure_to_string),
    (9, get_ordinal),
    (10, set_ordinal),
    (11, set_object),
]);

fn closure_to_string(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::CLOSURE)?;
    let o = vm.heap.get_ref(this, CL_OBJECT);
    let ord = vm.heap.get(this, CL_ORDINAL);
    let d = vm.describe(o);
    ret_str(vm, format!("(closure: method {ord} of {d})").as_bytes())
}

fn get_ordinal(vm: &mut Vm, _: &mut Thread, this: Ref, _: &[Ref]) -> NResult {
    this_is(vm, this, sys::CLOSURE)?;
    let ord = vm.heap.get(this, CL_ORDINAL);
    ret_int(vm, ord as i32)
}

fn set_ordinal(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::CLOSURE)?;
    let ord = int_arg(vm, args, 0)?;
    if !(0..=4096).contains(&ord) {
        return Err(throw(
            vm,
            &format!("closure setOrdinal: bad method ordinal {ord}"),
        ));
    }
    vm.heap.set(this, CL_ORDINAL, ord as u32);
    Ok(Ref::NULL)
}

fn set_object(vm: &mut Vm, _: &mut Thread, this: Ref, args: &[Ref]) -> NResult {
    this_is(vm, this, sys::CLOSURE)?;
    let o = arg(vm, args, 0)?;
    vm.heap.inc(o);
    vm.heap.put_ref(this, CL_OBJECT, o);
    Ok(Ref::NULL)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(img: &Image, x: usize, y_from_top: usize) -> [u8; 4] {
        let row = img.height as usize - 1 - y_from_top;
        let o = (row * img.width as usize + x) * 4;
        img.bgra[o..o + 4].try_into().unwrap()
    }

    #[test]
    fn p6_binary_rgb() {
        let mut d = b"P6\n# a comment\n2 1\n255\n".to_vec();
        d.extend_from_slice(&[255, 0, 0, 0, 0, 255]);
        let img = parse_image(&d).unwrap();
        assert_eq!((img.width, img.height), (2, 1));
        assert_eq!(
            pixel(&img, 0, 0),
            [0, 0, 255, 255],
            "red is stored b, g, r, a"
        );
        assert_eq!(pixel(&img, 1, 0), [255, 0, 0, 255]);
    }

    #[test]
    fn p3_text_rows_are_stored_bottom_up_and_scaled() {
        let img = parse_image(b"P3 1 2 15\n15 0 0\n0 15 0\n").unwrap();
        assert_eq!(img.bgra, vec![0, 255, 0, 255, 0, 0, 255, 255]);
        assert_eq!(pixel(&img, 0, 0), [0, 0, 255, 255], "top row is red");
    }

    #[test]
    fn sixteen_bit_samples() {
        let mut d = b"P6 1 1 65535 ".to_vec();
        d.extend_from_slice(&[0xFF, 0xFF, 0x80, 0x00, 0, 0]);
        let img = parse_image(&d).unwrap();
        assert_eq!(img.bgra, vec![0, 128, 255, 255]);
    }

    #[test]
    fn pbm_and_pgm() {
        let img = parse_image(b"P1\n3 1\n101").unwrap();
        assert_eq!(
            img.bgra,
            vec![0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255]
        );
        let mut d = b"P4 9 1\n".to_vec();
        d.extend_from_slice(&[0b1000_0000, 0b1000_0000]);
        let img = parse_image(&d).unwrap();
        assert_eq!(img.width, 9);
        assert_eq!(&img.bgra[0..4], &[0, 0, 0, 255]);
        assert_eq!(&img.bgra[4..8], &[255, 255, 255, 255]);
        assert_eq!(&img.bgra[32..36], &[0, 0, 0, 255]);
        let img = parse_image(b"P2 2 1 4 0 4").unwrap();
        assert_eq!(img.bgra, vec![0, 0, 0, 255, 255, 255, 255, 255]);
        let img = parse_image(b"P5 1 1 255 \x7f").unwrap();
        assert_eq!(img.bgra, vec![127, 127, 127, 255]);
    }

    #[test]
    fn bad_input_says_why() {
        let e = |d: &[u8]| parse_image(d).unwrap_err();
        assert!(e(b"GIF89a").contains("magic"));
        assert!(e(b"P7 1 1 255").contains("P7"));
        assert!(e(b"P6 2").contains("height"));
        assert!(e(b"P6 0 5 255 ").contains("empty"));
        assert!(e(b"P6 1 1 0 ").contains("maximum value"));
        assert!(
            e(b"P6 2 2 255\nabc").contains("truncated"),
            "{}",
            e(b"P6 2 2 255\nabc")
        );
        assert!(e(b"P3 1 1 255 1 2").contains("ends"));
        assert!(e(b"P3 1 1 7 1 2 9").contains("above the maximum"));
        assert!(e(b"P6 100000 100000 255 ").contains("too large"));
        assert!(e(b"P6 1 1 255x").contains("whitespace"));
    }
}
