//! Devices: PCI enumeration, block devices (virtio-blk), partitions, keyboard.

pub mod block;
pub mod keyboard;
pub mod mbr;
pub mod pci;
pub mod virtio_blk;
