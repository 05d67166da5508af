<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../desktop/audit_view.py" line="127"/>
        <source>Thời gian</source>
        <extracomment>The newest entries shown at once (filters narrow it down further). What each logged action is called in the log a leader reads (&quot;vi — en&quot;; the code itself is in the row&apos;s tooltip). An action not listed shows its code.</extracomment>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="127"/>
        <source>Người dùng</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="127"/>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="128"/>
        <source>Kết quả</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="128"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="128"/>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../desktop/audit_view.py" line="178"/>
        <source>Nhật ký truy cập dữ liệu cá nhân</source>
        <translation>Log of access to personal data</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="190"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="192"/>
        <source>Số định danh công dân</source>
        <translation>Citizen ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="193"/>
        <source>Người dùng</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="193"/>
        <source>Từ</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="194"/>
        <source>Đến</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="199"/>
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="218"/>
        <source>Kiểm tra tính toàn vẹn</source>
        <translation>Check it is intact</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="220"/>
        <source>Xuất CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="229"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="252"/>
        <source>{0} mục</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="259"/>
        <source>Nhật ký nguyên vẹn: {0} mục, không mục nào bị sửa hay xóa.</source>
        <translation>The log is intact: {0} entries, none edited or deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="262"/>
        <source>Nhật ký đã bị can thiệp, từ mục số {0}. Chi tiết: {1}</source>
        <translation>The log has been tampered with, from entry {0} on. Details: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="273"/>
        <source>Xuất nhật ký</source>
        <translation>Export the log</translation>
    </message>
    <message>
        <location filename="../../desktop/audit_view.py" line="277"/>
        <source>Đã xuất {0} mục ra {1}</source>
        <translation>Exported {0} entries to {1}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="103"/>
        <source>Thư mục làm việc này từ phiên bản cũ, chưa được mã hóa. Tạo tài khoản quản trị để mã hóa nó: {0}</source>
        <translation>This workspace is from an older version and is not encrypted. Create the admin account to encrypt it: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="105"/>
        <source>Tạo thư mục làm việc mới, được mã hóa, và tài khoản quản trị đầu tiên: {0}</source>
        <translation>Create a new encrypted workspace and its first admin account: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="107"/>
        <source>Lần chạy đầu tiên</source>
        <translation>First run</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="113"/>
        <source>Tên quản trị</source>
        <translation>Admin name</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="114"/>
        <source>Mật khẩu (ít nhất 8 ký tự)</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="115"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="121"/>
        <source>Hai mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="73"/>
        <source>Đăng nhập Sohoa</source>
        <translation>Log in to Sohoa</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="74"/>
        <source>Thư mục làm việc: {0}</source>
        <translation>Workspace: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="78"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="79"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Nhật ký</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="147"/>
        <source>Khóa khôi phục</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="150"/>
        <source>Đây là khóa khôi phục của thư mục làm việc. Nó chỉ hiện một lần. Hãy in ra hoặc chép tay, và cất ở nơi an toàn (không để cùng máy tính). Nếu quên hết mật khẩu quản trị, chỉ khóa này mở lại được dữ liệu.</source>
        <translation>This is the workspace&apos;s recovery key. It is shown only once. Print it or copy it by hand, and keep it somewhere safe (not with the computer). If every admin password is forgotten, only this key opens the data again.</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="163"/>
        <source>Tôi đã in hoặc chép lại khóa này</source>
        <translation>I have printed or copied this key</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Chỉ quản trị viên đổi được cài đặt của thư mục làm việc; ở đây chỉ đổi được thư mục làm việc và ngôn ngữ của máy này.</source>
        <translation>Only an admin can change the workspace&apos;s settings; here you can change only this computer&apos;s workspace folder and language.</translation>
    </message>
    <message>
        <source>Đã lưu thư mục làm việc và ngôn ngữ của máy này.</source>
        <translation>Saved this computer&apos;s workspace folder and language.</translation>
    </message>
    <message>
        <source>Tài khoản người dùng…</source>
        <translation>User accounts…</translation>
    </message>
    <message>
        <source>Thêm, khóa tài khoản, đặt lại mật khẩu (quản trị)</source>
        <translation>Add or disable accounts, set new passwords (admin)</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="190"/>
        <source>Sohoa đã khóa</source>
        <translation>Sohoa is locked</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="191"/>
        <source>Máy đã để yên quá lâu nên Sohoa đã khóa. Nhập mật khẩu của {0} để tiếp tục.</source>
        <translation>The computer was left alone too long, so Sohoa locked itself. Type {0}&apos;s password to go on.</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="195"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../desktop/users_dialog.py" line="40"/>
        <source>Tài khoản người dùng</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="42"/>
        <source>Cán bộ một cửa</source>
        <translation>Desk clerk</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="42"/>
        <source>Lãnh đạo</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="43"/>
        <source>Quản trị</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="54"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="55"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="56"/>
        <source>Mật khẩu (ít nhất 8 ký tự)</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="57"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="58"/>
        <source>Thêm tài khoản</source>
        <translation>Add the account</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="60"/>
        <source>Đặt mật khẩu này cho người đã chọn</source>
        <translation>Give the chosen person this password</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="62"/>
        <source>Khóa tài khoản đã chọn</source>
        <translation>Disable the chosen account</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="82"/>
        <source> (đã khóa)</source>
        <translation> (disabled)</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="93"/>
        <source>Hai mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="114"/>
        <source>Đã thêm tài khoản {0}.</source>
        <translation>Added the account {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="120"/>
        <location filename="../../desktop/users_dialog.py" line="133"/>
        <source>Hãy chọn một tài khoản trong danh sách.</source>
        <translation>Choose an account in the list first.</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="128"/>
        <source>Đã đặt mật khẩu mới cho {0}.</source>
        <translation>Set a new password for {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/users_dialog.py" line="140"/>
        <source>Đã khóa tài khoản {0}.</source>
        <translation>Disabled the account {0}.</translation>
    </message>
</context>
</TS>
