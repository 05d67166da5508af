<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>SignatureState</name>
    <message>
        <source>Chưa ký số</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>B-B, chưa có dấu thời gian</source>
        <translation>B-B, no timestamp yet</translation>
    </message>
    <message>
        <source>B-T, có dấu thời gian</source>
        <translation>B-T, timestamped</translation>
    </message>
    <message>
        <source>B-LT, có dấu thời gian và dữ liệu thu hồi</source>
        <translation>B-LT, timestamped, with revocation data</translation>
    </message>
    <message>
        <source>Đã ký số ({level}): {who}, {when} — hợp lệ</source>
        <translation>Signed ({level}): {who}, {when} — valid</translation>
    </message>
    <message>
        <source>Đã ký số ({level}): {who}, {when} — còn nguyên vẹn (chưa cài chứng thư gốc để kiểm tra người ký)</source>
        <translation>Signed ({level}): {who}, {when} — intact (no trust anchors installed to check the signer)</translation>
    </message>
    <message>
        <source>Đã ký số ({level}): {who} — không hợp lệ: chứng thư không thuộc gốc tin cậy</source>
        <translation>Signed ({level}): {who} — not valid: the certificate does not chain to the trust anchors</translation>
    </message>
    <message>
        <source>Chữ ký hỏng — không hợp lệ: gói đã bị sửa hoặc không đọc được</source>
        <translation>Broken signature — not valid: the package was changed or cannot be read</translation>
    </message>
    <message>
        <source>Chữ ký hỏng ({who}) — không hợp lệ: tệp đã bị sửa hoặc chưa ký đủ</source>
        <translation>Broken signature ({who}) — not valid: a file was changed or is not signed</translation>
    </message>
    <message>
        <source>Chữ ký hỏng</source>
        <translation>Broken signature</translation>
    </message>
    <message>
        <source>{level} · {who} · không hợp lệ</source>
        <translation>{level} · {who} · not valid</translation>
    </message>
    <message>
        <source>{level} · {who} · hợp lệ</source>
        <translation>{level} · {who} · valid</translation>
    </message>
    <message>
        <source>{level} · {who} · nguyên vẹn</source>
        <translation>{level} · {who} · intact</translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký</source>
        <translation>The signature could not be checked</translation>
    </message>
</context>
<context>
    <name>SigningKey</name>
    <message>
        <source>Mật khẩu của tệp chứng thư {name}:</source>
        <translation>Passphrase of the certificate file {name}:</translation>
    </message>
    <message>
        <source>Mã PIN của token {token}:</source>
        <translation>PIN of the token {token}:</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Đã hủy: kết quả chưa được ký và chưa đóng gói.</source>
        <translation>Cancelled: the result was not signed or packed.</translation>
    </message>
</context>
</TS>
