//! Scanning a stream window by window.

use std::collections::VecDeque;
use std::io::{self, BufRead};

use super::engine::{Carried, Document, Session};
use super::{Mention, Scanner};

/// The mentions of a stream, in order; see [`Scanner::scan_reader`].
pub struct ScanReader<'s, R> {
    session: Session<'s>,
    reader: R,
    window: usize,
    /// Bytes read and not yet scanned.
    pending: Vec<u8>,
    /// Stream offset of `pending[0]`.
    offset: usize,
    carried: Carried,
    document: Document,
    queue: VecDeque<Mention>,
    eof: bool,
    done: bool,
}

impl<R> std::fmt::Debug for ScanReader<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScanReader")
            .field("offset", &self.offset)
            .field("pending", &self.pending.len())
            .field("queued", &self.queue.len())
            .finish_non_exhaustive()
    }
}

impl<'s, R: BufRead> ScanReader<'s, R> {
    pub(super) fn new(scanner: &'s Scanner, reader: R) -> ScanReader<'s, R> {
        ScanReader {
            session: Session::new(scanner),
            reader,
            window: window_size(&scanner.config),
            pending: Vec::new(),
            offset: 0,
            carried: Carried::default(),
            document: Document::default(),
            queue: VecDeque::new(),
            eof: false,
            done: false,
        }
    }

    /// Reads until `pending` holds a window (or the stream ends).
    fn fill(&mut self) -> io::Result<()> {
        while !self.eof && self.pending.len() < self.window {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                self.eof = true;
                break;
            }
            let n = buf.len().min(self.window - self.pending.len());
            self.pending.extend_from_slice(&buf[..n]);
            self.reader.consume(n);
        }
        Ok(())
    }

    fn next_window(&mut self) -> io::Result<()> {
        self.fill()?;
        if self.pending.is_empty() {
            self.done = true;
            return Ok(());
        }
        let cut = cut_point(&self.pending, self.eof);
        let text = std::str::from_utf8(&self.pending[..cut]).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "stream is not UTF-8 at byte {}",
                    self.offset + e.valid_up_to()
                ),
            )
        })?;
        self.session.window(text, self.offset, &mut self.document);
        let mentions =
            self.session
                .settle(text, self.offset, &mut self.document, &mut self.carried);
        self.queue.extend(mentions);
        self.pending.drain(..cut);
        self.offset += cut;
        Ok(())
    }
}

impl<R: BufRead> Iterator for ScanReader<'_, R> {
    type Item = io::Result<Mention>;

    fn next(&mut self) -> Option<io::Result<Mention>> {
        loop {
            if let Some(m) = self.queue.pop_front() {
                return Some(Ok(m));
            }
            if self.done {
                return None;
            }
            if let Err(e) = self.next_window() {
                self.done = true;
                return Some(Err(e));
            }
        }
    }
}

/// Where to cut a window's bytes `p`: after the last line end, else after
/// the last ASCII space, else before the last character (which may be
/// incomplete); everything at the end of the text (`eof`).
pub(super) fn cut_point(p: &[u8], eof: bool) -> usize {
    if eof {
        return p.len();
    }
    if let Some(i) = p.iter().rposition(|&b| b == b'\n') {
        return i + 1;
    }
    if let Some(i) = p.iter().rposition(|b| b.is_ascii_whitespace()) {
        return i + 1;
    }
    let mut i = p.len();
    while i > 0 && (p[i - 1] & 0xC0) == 0x80 {
        i -= 1;
    }
    if i > 0 && p[i - 1] >= 0xC0 {
        i -= 1;
    }
    if i == 0 {
        p.len()
    } else {
        i
    }
}

/// The window size to use: the configured one, within bounds (word offsets
/// inside a window are 32-bit).
pub(super) fn window_size(config: &super::ScannerConfig) -> usize {
    config.window_bytes.clamp(64, super::words::MAX_TEXT / 2)
}
