// A .zip archive of a few files, written in the page (the PyTorch project download): every entry stored
// uncompressed (a model's floats barely deflate, and `unzip`, Python's zipfile and every file manager read
// stored entries), with its CRC-32 and its name in UTF-8 (flag bit 11). No zip64: each file, and the whole
// archive, stays under 4 GiB, which the page's 512 MB model limit keeps. No DOM here.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

// CRC-32 (ISO 3309, as zip, gzip and PNG use it) of bytes.
export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// MS-DOS time and date of a Date (local time, two-second steps; years before 1980 are 1980).
function dosTime(d) {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}

// entries: [{name ('folder/file.py', '/' between folders), data (a string, written as UTF-8, or a
// Uint8Array)}] -> the archive's bytes. Entries keep their order; a name may appear once.
export function zipFiles(entries, when = new Date()) {
  const utf8 = new TextEncoder();
  const { time, date } = dosTime(when);
  const seen = new Set();
  const files = entries.map(({ name, data }) => {
    if (!name || name.startsWith('/') || name.split('/').includes('..') || seen.has(name)) throw new Error(`bad or repeated name in a zip: '${name}'`);
    seen.add(name);
    const bytes = typeof data === 'string' ? utf8.encode(data) : data;
    return { name: utf8.encode(name), bytes, crc: crc32(bytes) };
  });
  // the fixed part of a local header (30 bytes) and of a central-directory entry (46), as in APPNOTE 4.3.7/4.3.12
  const header = (f, central, offset) => {
    const out = new Uint8Array((central ? 46 : 30) + f.name.length);
    const v = new DataView(out.buffer);
    let p = 0;
    const u16 = (x) => { v.setUint16(p, x, true); p += 2; };
    const u32 = (x) => { v.setUint32(p, x, true); p += 4; };
    u32(central ? 0x02014b50 : 0x04034b50);
    if (central) u16(0x0314);       // made by: Unix (3), version 2.0 (so the attributes below read as Unix's)
    u16(20);                        // needed to extract: 2.0
    u16(0x0800);                    // flags: the name is UTF-8
    u16(0);                         // method: stored
    u16(time); u16(date);
    u32(f.crc); u32(f.bytes.length); u32(f.bytes.length);
    u16(f.name.length); u16(0);     // name length, no extra field
    if (central) {
      u16(0); u16(0); u16(0);       // comment length, disk number, internal attributes
      u32(0x81a40000);              // external attributes: a regular file, rw-r--r-- (Unix, in the high half)
      u32(offset);
    }
    out.set(f.name, p);
    return out;
  };
  const parts = [];
  const directory = [];
  let offset = 0;
  for (const f of files) {
    const local = header(f, false);
    directory.push(header(f, true, offset));
    parts.push(local, f.bytes);
    offset += local.length + f.bytes.length;
  }
  const dirSize = directory.reduce((n, d) => n + d.length, 0);
  if (offset + dirSize > 0xffffffff || files.length > 0xffff) throw new Error('the archive would need zip64 (over 4 GiB or 65,535 files)');
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, files.length, true);
  v.setUint16(10, files.length, true);
  v.setUint32(12, dirSize, true);
  v.setUint32(16, offset, true);
  const out = new Uint8Array(offset + dirSize + 22);
  let p = 0;
  for (const part of [...parts, ...directory, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
