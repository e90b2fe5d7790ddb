//! Comma-separated values as RFC 4180 writes them: fields optionally in
//! double quotes, `""` for a quote inside one, line breaks allowed inside
//! quotes, records ended by LF or CRLF.

/// The records of `src` (a leading byte-order mark is skipped). An
/// unterminated quoted field is an error naming the record.
pub fn records(src: &str) -> Result<Vec<Vec<String>>, String> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = src.chars().peekable();
    let mut quoted = false;
    // Whether the current record has anything (so a final line break does
    // not make an empty record).
    let mut started = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                started = true;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if started || !field.is_empty() {
                    record.push(std::mem::take(&mut field));
                    out.push(std::mem::take(&mut record));
                }
                started = false;
            }
            _ => {
                field.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err(format!(
            "unterminated quoted field in record {}",
            out.len() + 1
        ));
    }
    if started || !field.is_empty() {
        record.push(field);
        out.push(record);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::records;

    #[test]
    fn quoting_and_line_breaks() {
        let src = "\u{feff}a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\n\n2,,last";
        assert_eq!(
            records(src).ok(),
            Some(vec![
                vec!["a".to_owned(), "b".into(), "c".into()],
                vec!["1".into(), "x, \"y\"\nz".into(), "".into()],
                vec!["2".into(), "".into(), "last".into()],
            ])
        );
        assert!(records("a,\"open\n").is_err());
        assert_eq!(records("").ok(), Some(vec![]));
    }
}
