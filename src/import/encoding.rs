//! Turning an input file into UTF-8 bytes without a byte-order mark, and
//! finding the line of the first byte that is not UTF-8.

use super::options::Encoding;
use std::fmt;
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Printed with a UTF-8 error: the usual cause is a GBK file from Excel.
pub const GBK_HINT: &str =
    "if it was saved by Excel on Chinese Windows (GBK), import it with --encoding gbk";

/// Opens `path` as a stream of UTF-8 bytes (UTF-8 is checked later, per
/// cell; GBK is decoded here).
pub fn open(path: &Path, encoding: Encoding) -> io::Result<Box<dyn Read>> {
    let file = File::open(path)?;
    Ok(match encoding {
        Encoding::Utf8 => skip_bom(file)?,
        Encoding::Gbk => Box::new(GbkReader::new(file)),
    })
}

/// Drops a UTF-8 byte-order mark at the start (Excel writes one).
fn skip_bom<R: Read + 'static>(mut inner: R) -> io::Result<Box<dyn Read>> {
    let mut head = Vec::with_capacity(3);
    (&mut inner).take(3).read_to_end(&mut head)?;
    if head == UTF8_BOM {
        head.clear();
    }
    Ok(Box::new(Cursor::new(head).chain(inner)))
}

/// A byte sequence that is not GBK/GB18030, found on `line` of the file.
#[derive(Debug)]
pub struct BadGbk {
    pub line: u64,
}

impl fmt::Display for BadGbk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: not valid GBK/GB18030", self.line)
    }
}

impl std::error::Error for BadGbk {}

/// Decodes GB18030 (a superset of GBK) to UTF-8 as it reads. A UTF-8 or
/// UTF-16 byte-order mark switches to that encoding (encoding_rs sniffs it).
struct GbkReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// Line breaks written so far, to place a bad byte.
    newlines: u64,
}

impl<R: Read> GbkReader<R> {
    fn new(inner: R) -> GbkReader<R> {
        GbkReader {
            inner,
            decoder: encoding_rs::GB18030.new_decoder(),
            input: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            eof: false,
            newlines: 0,
        }
    }
}

impl<R: Read> Read for GbkReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.start == self.end && !self.eof {
                self.end = self.inner.read(&mut self.input)?;
                self.start = 0;
                self.eof = self.end == 0;
            }
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                out,
                self.eof,
            );
            self.start += read;
            self.newlines += out[..written].iter().filter(|b| **b == b'\n').count() as u64;
            match result {
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        BadGbk {
                            line: self.newlines + 1,
                        },
                    ))
                }
                _ if written > 0 || self.eof => return Ok(written),
                encoding_rs::DecoderResult::OutputFull => {
                    // A caller's buffer below 4 bytes cannot take a character.
                    return Err(io::Error::other("GBK decoding needs a larger read buffer"));
                }
                // Nothing decodable yet (a character split across reads).
                _ => {}
            }
        }
    }
}

/// The field that is not UTF-8 in a record, and the line of its bad byte.
pub struct NotUtf8 {
    pub field: usize,
    pub line: u64,
    /// The bad bytes, in hex, for the message.
    pub bytes: String,
}

/// Checks every field of a record; `line` is where the record starts.
pub fn check_utf8(record: &csv::ByteRecord, line: u64) -> Result<(), NotUtf8> {
    let mut newlines = 0;
    for (i, field) in record.iter().enumerate() {
        match std::str::from_utf8(field) {
            Ok(_) => newlines += field.iter().filter(|b| **b == b'\n').count() as u64,
            Err(e) => {
                let good = &field[..e.valid_up_to()];
                let bad_len = e.error_len().unwrap_or(field.len() - e.valid_up_to());
                let bad = &field[e.valid_up_to()..e.valid_up_to() + bad_len];
                return Err(NotUtf8 {
                    field: i,
                    line: line + newlines + good.iter().filter(|b| **b == b'\n').count() as u64,
                    bytes: bad
                        .iter()
                        .map(|b| format!("{b:02X}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(mut r: Box<dyn Read>) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn drops_a_utf8_bom_only_at_the_start() {
        let with = skip_bom(Cursor::new(b"\xEF\xBB\xBFa,b".to_vec())).unwrap();
        assert_eq!(read_all(with).unwrap(), b"a,b");
        let short = skip_bom(Cursor::new(b"a".to_vec())).unwrap();
        assert_eq!(read_all(short).unwrap(), b"a");
    }

    #[test]
    fn decodes_gbk_and_places_a_bad_byte() {
        let (gbk, _, _) = encoding_rs::GBK.encode("名称\n张三\n");
        let r: Box<dyn Read> = Box::new(GbkReader::new(Cursor::new(gbk.into_owned())));
        assert_eq!(read_all(r).unwrap(), "名称\n张三\n".as_bytes());
        let r: Box<dyn Read> = Box::new(GbkReader::new(Cursor::new(b"a\nb\n\x81\x20x".to_vec())));
        let err = read_all(r).unwrap_err();
        let bad = err
            .get_ref()
            .and_then(|e| e.downcast_ref::<BadGbk>())
            .unwrap();
        assert_eq!(bad.line, 3);
    }

    #[test]
    fn finds_the_line_of_a_bad_utf8_byte_inside_a_multiline_cell() {
        let mut record = csv::ByteRecord::new();
        record.push_field(b"ok");
        record.push_field(b"one\ntwo \xD5\xC5");
        let bad = check_utf8(&record, 4).err().unwrap();
        assert_eq!((bad.field, bad.line), (1, 5));
        assert_eq!(bad.bytes, "D5");
    }
}
