<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DocumentModel</name>
    <message>
        <location filename="../../desktop/models.py" line="218"/>
        <source>Chưa rõ loại giấy tờ</source>
        <translation>Unknown document type</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="219"/>
        <source>{n} trang</source>
        <translation>{n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="224"/>
        <source>máy gợi ý {c}</source>
        <translation>suggested, {c}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="227"/>
        <source>Loại giấy tờ do máy gợi ý: Enter để nhận, hoặc chọn loại khác.</source>
        <translation>Document type suggested by the machine: Enter accepts it, or choose another type.</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../desktop/models.py" line="193"/>
        <source>{code} (tạm)</source>
        <translation>{code} (provisional)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="195"/>
        <source>chưa rõ thủ tục</source>
        <translation>procedure not known yet</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <location filename="../../desktop/dossier_view.py" line="215"/>
        <source>Nhận thủ tục</source>
        <translation>Accept procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="216"/>
        <source>Nhận thủ tục máy gợi ý (Ctrl+Enter)</source>
        <translation>Accept the suggested procedure (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="231"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="234"/>
        <source>Họ và tên người nộp</source>
        <translation>Applicant&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="298"/>
        <source>Đóng gói và đưa vào hàng đợi gửi</source>
        <translation>Pack and add to outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="313"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="314"/>
        <source>Mã hồ sơ:</source>
        <translation>Dossier code:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="321"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="327"/>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="339"/>
        <location filename="../../desktop/dossier_view.py" line="588"/>
        <source>Thành phần hồ sơ</source>
        <translation>Required components</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="355"/>
        <source>Các trang của giấy tờ đang chọn (nhấp đúp để soát chữ)</source>
        <translation>Pages of the selected document (double-click to review the text)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="357"/>
        <source>Thông tin trích từ giấy tờ đang chọn</source>
        <translation>Details read from the selected document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="331"/>
        <source>Số định danh:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="334"/>
        <source>Ngày nhận:</source>
        <translation>Received on:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="342"/>
        <source>Giấy tờ trong hồ sơ</source>
        <translation>Documents in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="345"/>
        <source>Loại giấy tờ:</source>
        <translation>Document type:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="359"/>
        <source>Chuyển trang:</source>
        <translation>Move pages:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="360"/>
        <source>Chuyển các trang đã chọn sang giấy tờ khác</source>
        <translation>Move the selected pages to another document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="399"/>
        <source>Danh sách hồ sơ</source>
        <translation>All dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="424"/>
        <location filename="../../desktop/dossier_view.py" line="441"/>
        <source>Nhận gợi ý</source>
        <translation>Accept suggestion</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="424"/>
        <source>Nhận loại giấy tờ máy gợi ý (Enter)</source>
        <translation>Accept the suggested document type (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="426"/>
        <source>Tách</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="426"/>
        <source>Tách giấy tờ tại trang đang chọn (Ctrl+T)</source>
        <translation>Split the document at the selected page (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="427"/>
        <source>Gộp với sau</source>
        <translation>Merge with next</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="427"/>
        <source>Gộp với giấy tờ kế tiếp (Ctrl+G)</source>
        <translation>Merge with the next document (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="429"/>
        <source>Dời giấy tờ lên</source>
        <translation>Move the document up</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="430"/>
        <source>Dời giấy tờ xuống</source>
        <translation>Move the document down</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="442"/>
        <location filename="../../desktop/dossier_view.py" line="842"/>
        <source>Tách giấy tờ</source>
        <translation>Split document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="443"/>
        <location filename="../../desktop/dossier_view.py" line="850"/>
        <source>Gộp giấy tờ</source>
        <translation>Merge documents</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="444"/>
        <source>Đóng gói</source>
        <translation>Pack</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="445"/>
        <source>Giấy tờ sau</source>
        <translation>Next document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="446"/>
        <source>Giấy tờ trước</source>
        <translation>Previous document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="447"/>
        <source>Tìm thủ tục</source>
        <translation>Find procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="448"/>
        <source>Soát chữ</source>
        <translation>Review text</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="477"/>
        <source>Chưa có hồ sơ. Nhập hoặc quét giấy tờ rồi bấm “Lập hồ sơ”.</source>
        <translation>No dossier yet. Import or scan papers, then press “Make dossier”.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="488"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="492"/>
        <source>{code} · máy gợi ý, {c:.0f}% tin cậy</source>
        <translation>{code} · suggested, {c:.0f}% confidence</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="495"/>
        <source>Kiểm tra rồi nhận (Ctrl+Enter), hoặc tìm thủ tục khác (Ctrl+K).</source>
        <translation>Check it, then accept (Ctrl+Enter), or find another procedure (Ctrl+K).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="499"/>
        <source>{code} · đã xác nhận</source>
        <translation>{code} · confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="521"/>
        <source>đóng gói lại (Ctrl+P) để thay gói đang chờ gửi</source>
        <translation>pack it again (Ctrl+P) to replace the package waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="523"/>
        <source>đóng gói lại (Ctrl+P) để gửi bản {n}</source>
        <translation>pack it again (Ctrl+P) to send version {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="526"/>
        <source>đóng gói lại (Ctrl+P)</source>
        <translation>pack it again (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="527"/>
        <source>Đã sửa sau khi đóng gói {name}: {then}.</source>
        <translation>Changed since {name} was packed: {then}.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="535"/>
        <source> (bản {n})</source>
        <translation> (version {n})</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="548"/>
        <source>Mã tạm</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="549"/>
        <source>Chưa có mã chính thức: gõ mã trên giấy tiếp nhận khi có.</source>
        <translation>No official code yet: type the code from the receipt when there is one.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="596"/>
        <source>(không bắt buộc)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="597"/>
        <source>còn thiếu</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="599"/>
        <location filename="../../desktop/dossier_view.py" line="602"/>
        <source>Đã có trong hồ sơ</source>
        <translation>In the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="605"/>
        <source>Giấy tờ bắt buộc chưa có trong hồ sơ</source>
        <translation>Required document not in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="610"/>
        <source>Không bắt buộc, chưa có trong hồ sơ</source>
        <translation>Optional, not in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="614"/>
        <source>Giấy tờ ngoài danh mục của thủ tục</source>
        <translation>Document not in the procedure&apos;s list</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="617"/>
        <source>Thành phần hồ sơ — còn thiếu {n}</source>
        <translation>Components — {n} missing</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="618"/>
        <source>Thành phần hồ sơ — đủ giấy tờ bắt buộc</source>
        <translation>Components — all required papers present</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="721"/>
        <source>Họ tên người {n}</source>
        <translation>Name of person {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="722"/>
        <source>Họ tên (thêm người)</source>
        <translation>Name (add a person)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="724"/>
        <source>Số định danh {n}</source>
        <translation>ID number {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="725"/>
        <source>Số định danh (thêm)</source>
        <translation>ID number (add)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="726"/>
        <source>Ngày {n}</source>
        <translation>Date {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="726"/>
        <source>Ngày (thêm)</source>
        <translation>Date (add)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="877"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="935"/>
        <source>Chưa đóng gói: còn thiếu {names}.</source>
        <translation>Not packed: {names} missing.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="950"/>
        <source>Hồ sơ không thay đổi từ lần đóng gói trước; gói {name} đã ở trong hàng đợi gửi.</source>
        <translation>Nothing changed since the last pack; {name} is already in the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="953"/>
        <source>Hồ sơ không thay đổi từ khi gửi gói {name}; không cần gửi lại.</source>
        <translation>Nothing changed since {name} was sent; no need to send it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="956"/>
        <source>Đã đóng gói lại: {name} thay cho gói chưa gửi trong hàng đợi.</source>
        <translation>Packed again: {name} replaces the package that was waiting in the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="959"/>
        <source>Đã đóng gói bản {n}: {name}, thay cho bản đã gửi {old}.</source>
        <translation>Packed version {n}: {name}, replacing {old}, which was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="962"/>
        <source>Đã đóng gói và đưa vào hàng đợi gửi: {name}</source>
        <translation>Packed and added to the outbox: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="516"/>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="516"/>
        <source>Sẵn sàng</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="534"/>
        <source>Đã đóng gói</source>
        <translation>Packed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="530"/>
        <source>Đang chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="532"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="517"/>
        <location filename="../../desktop/dossier_view.py" line="536"/>
        <source>Trạng thái: {s}</source>
        <translation>State: {s}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="287"/>
        <source>Thông tin</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="287"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="544"/>
        <source>Mã chính thức</source>
        <translation>Official code</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="560"/>
        <source>— chưa rõ —</source>
        <translation>— unknown —</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="589"/>
        <source>Chọn thủ tục để xem giấy tờ cần có.</source>
        <translation>Choose a procedure to see the papers it needs.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="648"/>
        <source>— chọn giấy tờ —</source>
        <translation>— choose a document —</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="661"/>
        <source>Không thực hiện được</source>
        <translation>Could not do that</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="816"/>
        <source>Nhận loại giấy tờ</source>
        <translation>Accept document type</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="834"/>
        <source>Đổi loại giấy tờ</source>
        <translation>Change document type</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="856"/>
        <source>Dời giấy tờ</source>
        <translation>Move document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="865"/>
        <source>Chuyển trang</source>
        <translation>Move pages</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="875"/>
        <source>Soát chữ — {name}</source>
        <translation>Review text — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="926"/>
        <source>Đang đóng gói…</source>
        <translation>Packing…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="966"/>
        <source>Gửi khi còn thiếu {names}; lý do đã được ghi lại.</source>
        <translation>Sent with {names} missing; the reason was recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="972"/>
        <source>Lưu ý: {n} trang được quét dưới 200 dpi, thấp hơn mức Nghị định 30/2020 yêu cầu; nên quét lại các trang này.</source>
        <translation>Note: {n} pages were scanned below 200 dpi, under what Decree 30/2020 requires; rescan them if you can.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="940"/>
        <source>Đóng gói hồ sơ</source>
        <translation>Packing dossier</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <location filename="../../desktop/viewer.py" line="157"/>
        <source>Thu nhỏ (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="159"/>
        <source>Phóng to (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="161"/>
        <source>Vừa khung</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="162"/>
        <source>Vừa khung (Ctrl+0)</source>
        <translation>Fit to window (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="163"/>
        <source>Kích thước thật</source>
        <translation>Actual size</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../desktop/messages.py" line="31"/>
        <source>vi</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="49"/>
        <source>Sohoa — Số hóa hồ sơ một cửa</source>
        <translation>Sohoa — one-stop desk digitisation</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="70"/>
        <source>Quét / Nhập</source>
        <translation>Scan / Import</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="70"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="70"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="71"/>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="71"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="96"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="97"/>
        <source>Dừng việc đang chạy (phần đã xong được giữ lại)</source>
        <translation>Stop the running work (what is done is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="147"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="149"/>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="224"/>
        <source>Đang nhập và đọc chữ hồ sơ mẫu…</source>
        <translation>Importing and reading the sample dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="225"/>
        <source>Mở hồ sơ mẫu</source>
        <translation>Open the sample dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="247"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="256"/>
        <source>Không có máy quét</source>
        <translation>No scanner</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="257"/>
        <source>Không tìm thấy máy quét nào. Hãy cắm cáp và bật máy quét, rồi bấm Quét (F5) lần nữa. Vẫn nhập được tệp ảnh hoặc PDF (Ctrl+O).</source>
        <translation>No scanner was found. Connect the scanner and switch it on, then press Scan (F5) again. You can still import image or PDF files (Ctrl+O).</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="262"/>
        <source>Không tìm thấy máy quét nào.</source>
        <translation>No scanner was found.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="269"/>
        <source>Quét giấy tờ</source>
        <translation>Scanning</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="294"/>
        <source>Sẵn sàng</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="305"/>
        <source>{title}: tạm dừng</source>
        <translation>{title}: paused</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="308"/>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="317"/>
        <source>Chờ gửi: {n}</source>
        <translation>To send: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="318"/>
        <source> · lỗi: {n}</source>
        <translation> · failed: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="334"/>
        <source>Chưa đặt máy chủ nhận hồ sơ</source>
        <translation>No upload server set</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="335"/>
        <source>Kết nối được máy chủ nhận hồ sơ</source>
        <translation>Upload server reachable</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="337"/>
        <source>Máy chủ nhận hồ sơ không nhận kết nối; hồ sơ vẫn chờ trong hàng đợi</source>
        <translation>The upload server refuses connections; dossiers wait in the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="339"/>
        <source>Mất mạng; hồ sơ vẫn chờ trong hàng đợi</source>
        <translation>Offline; dossiers wait in the outbox</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../desktop/models.py" line="256"/>
        <source>Gói</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="256"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="256"/>
        <source>Tiến độ</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="257"/>
        <source>Tốc độ</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="257"/>
        <source>Còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="257"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="261"/>
        <source>Đang chờ</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="262"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="263"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="264"/>
        <source>Lỗi</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="265"/>
        <source>Đã chép ra USB</source>
        <translation>Copied to USB</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="313"/>
        <source>Bản {n} của hồ sơ {code}</source>
        <translation>Version {n} of dossier {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="319"/>
        <source>{name} (bản {n})</source>
        <translation>{name} (version {n})</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="323"/>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="326"/>
        <source>(đã thử {n} lần)</source>
        <translation>({n} tries)</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../desktop/outbox_view.py" line="76"/>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="78"/>
        <source>Tạm dừng</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="79"/>
        <source>Tiếp tục</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="80"/>
        <source>Thử lại mục lỗi</source>
        <translation>Retry failed</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="87"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="127"/>
        <source>{q} đang chờ · {u} đang gửi · {d} đã gửi · {f} lỗi</source>
        <translation>{q} queued · {u} sending · {d} sent · {f} failed</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="141"/>
        <source>Chưa đặt máy chủ nhận hồ sơ: vào Cài đặt (Ctrl+5).</source>
        <translation>No upload server set: see Settings (Ctrl+5).</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="155"/>
        <source>Gửi hồ sơ</source>
        <translation>Sending dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="159"/>
        <source>Đang gửi…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="177"/>
        <source>Xong lượt gửi: {msg}</source>
        <translation>Sending finished: {msg}</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="193"/>
        <source>Đã tạm dừng; phần đã gửi được giữ lại.</source>
        <translation>Paused; what was sent is kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="199"/>
        <source>Đang gửi tiếp…</source>
        <translation>Sending again…</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="213"/>
        <source>Thử lại</source>
        <translation>Retry</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="31"/>
        <source>Đóng gói hồ sơ {code}</source>
        <translation>Pack dossier {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="42"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="43"/>
        <source>Dùng mã chính thức trên giấy tiếp nhận:</source>
        <translation>Use the official code on the receipt:</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="48"/>
        <source>Chưa có mã chính thức: gửi với mã tạm {code}</source>
        <translation>No official code yet: send it with the provisional code {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="63"/>
        <source>Còn thiếu giấy tờ bắt buộc</source>
        <translation>Required papers missing</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="68"/>
        <source>Lý do vẫn gửi hồ sơ (ghi vào hồ sơ điện tử và nhật ký):</source>
        <translation>Why it goes anyway (written into the record and the log):</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="71"/>
        <source>Ví dụ: công dân sẽ bổ sung giấy chứng sinh sau</source>
        <translation>For example: the citizen brings the birth certificate later</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="85"/>
        <source>Đóng gói và đưa vào hàng đợi gửi</source>
        <translation>Pack and put in the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="87"/>
        <source>Quay lại</source>
        <translation>Go back</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="109"/>
        <source>Gói {name} của hồ sơ này đang chờ gửi; gói mới sẽ thay cho nó.</source>
        <translation>{name} of this dossier is waiting to be sent; the new package replaces it.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="112"/>
        <source>Hồ sơ này đã gửi đi; gói mới sẽ là bản {n}, gửi kèm ghi chú thay cho bản trước.</source>
        <translation>This dossier was sent; the new package is version {n} and says it replaces the previous one.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="135"/>
        <source>Gõ mã hồ sơ chính thức, hoặc chọn gửi với mã tạm.</source>
        <translation>Type the official dossier code, or choose to send it with the provisional code.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="137"/>
        <location filename="../../desktop/pack_dialog.py" line="151"/>
        <source>Mã hồ sơ phải có dạng 000.00.06.H56-231027-0361.</source>
        <translation>A dossier code looks like 000.00.06.H56-231027-0361.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="139"/>
        <source>Ghi lý do vẫn gửi khi còn thiếu giấy tờ.</source>
        <translation>Write why it goes with papers missing.</translation>
    </message>
</context>
<context>
    <name>PageModel</name>
    <message>
        <location filename="../../desktop/models.py" line="102"/>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="104"/>
        <source>trắng?</source>
        <translation>blank?</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="106"/>
        <source>lỗi</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="108"/>
        <source>đang đọc</source>
        <translation>reading</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="115"/>
        <source>Trang có vẻ trắng: kiểm tra rồi xóa nếu đúng.</source>
        <translation>Looks blank: check it and delete it if so.</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="119"/>
        <source>Độ tin cậy OCR: {c:.0f}%</source>
        <translation>OCR confidence: {c:.0f}%</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location filename="../../desktop/viewer.py" line="205"/>
        <source>có thể là trang trắng</source>
        <translation>may be blank</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="207"/>
        <source>OCR {c:.0f}%</source>
        <translation>OCR {c:.0f}%</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../desktop/dossier_view.py" line="75"/>
        <source>Tìm thủ tục: gõ tên hoặc mã, không dấu cũng được</source>
        <translation>Find a procedure: type its name or code, marks optional</translation>
    </message>
</context>
<context>
    <name>ReviewWidget</name>
    <message>
        <location filename="../../desktop/viewer.py" line="243"/>
        <source>Chưa có chữ nhận dạng cho trang này.</source>
        <translation>No recognised text for this page yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="253"/>
        <source>Lưu chữ (Ctrl+S)</source>
        <translation>Save text (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="256"/>
        <source>Từ tô vàng: máy đọc chưa chắc, hãy kiểm tra.</source>
        <translation>Words in yellow: the machine was unsure, please check.</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="315"/>
        <source>Bản nháp chưa lưu (khôi phục sau khi tắt máy)</source>
        <translation>Unsaved draft (recovered after a restart)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="385"/>
        <source>Đang sửa…</source>
        <translation>Editing…</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="393"/>
        <source>Bản nháp đã giữ — nhấn Ctrl+S để lưu</source>
        <translation>Draft kept — press Ctrl+S to save</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="407"/>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>ScanView</name>
    <message>
        <location filename="../../desktop/scan_view.py" line="60"/>
        <source>Nhập tệp…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="62"/>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="65"/>
        <source>Xoay phải</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="66"/>
        <source>Xoay trái</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="68"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="69"/>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="71"/>
        <source>Dời lên</source>
        <translation>Move earlier</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="73"/>
        <source>Dời xuống</source>
        <translation>Move later</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="76"/>
        <location filename="../../desktop/scan_view.py" line="401"/>
        <source>Lập hồ sơ</source>
        <translation>Make dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="77"/>
        <source>Trang sau</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="80"/>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="90"/>
        <source>Hiện trang đã xóa</source>
        <translation>Show deleted pages</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="104"/>
        <source>Tiếp tục đọc chữ</source>
        <translation>Continue reading</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="132"/>
        <source>Trang</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="133"/>
        <source>Soát chữ (OCR)</source>
        <translation>Review text (OCR)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="137"/>
        <source>Lô:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="181"/>
        <source>Lô {id} · {n} trang · {day}</source>
        <translation>Batch {id} · {n} pages · {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="226"/>
        <source>{n} trang chưa đọc chữ.</source>
        <translation>{n} page(s) not read yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="228"/>
        <source>{n} trang có vẻ trắng (nền vàng): xem lại rồi xóa nếu đúng.</source>
        <translation>{n} page(s) look blank (yellow): check them and delete if so.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="231"/>
        <source>{n} trang đọc lỗi (nền đỏ).</source>
        <translation>{n} page(s) could not be read (red).</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="246"/>
        <source>Hồ sơ {code} đang chờ gửi đã bị sửa: đóng gói lại để thay gói trong hàng đợi.</source>
        <translation>Dossier {code}, waiting to be sent, was changed: pack it again to replace the package in the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="249"/>
        <source>Hồ sơ {code} đã gửi đi; các trang vừa sửa chỉ đến nơi khi đóng gói và gửi bản {n}.</source>
        <translation>Dossier {code} was sent; the pages just changed arrive only when version {n} is packed and sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="253"/>
        <source>Hồ sơ {code} đã đóng gói trước khi sửa: đóng gói lại.</source>
        <translation>Dossier {code} was packed before this change: pack it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="294"/>
        <source>Xoay {n} trang</source>
        <translation>Rotate {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="302"/>
        <source>Xóa {n} trang</source>
        <translation>Delete {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="309"/>
        <source>Khôi phục {n} trang</source>
        <translation>Restore {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="316"/>
        <source>Dời {n} trang</source>
        <translation>Move {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="344"/>
        <source>Chọn ảnh quét hoặc PDF</source>
        <translation>Choose scanned images or PDFs</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="345"/>
        <source>Ảnh và PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;Mọi tệp (*)</source>
        <translation>Images and PDFs (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="350"/>
        <source>Nhập và đọc chữ</source>
        <translation>Importing and reading</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="371"/>
        <source>Không nhập được tệp nào:</source>
        <translation>No file could be imported:</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="391"/>
        <source>Đọc chữ tiếp</source>
        <translation>Reading the rest</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../desktop/models.py" line="367"/>
        <source>{file} (chưa thuộc hồ sơ nào)</source>
        <translation>{file} (in no dossier yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="368"/>
        <source>chưa rõ người nộp</source>
        <translation>applicant unknown</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../desktop/search_view.py" line="62"/>
        <source>Tìm kiếm trong các trang đã số hóa</source>
        <translation>Search every digitised page</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="66"/>
        <source>Gõ tên, số định danh, nội dung… (không dấu cũng được)</source>
        <translation>Type a name, ID number, words… (marks optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="96"/>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="105"/>
        <source>{n} trang khớp với “{q}”</source>
        <translation>{n} page(s) match “{q}”</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop/settings_view.py" line="71"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="76"/>
        <source>Thư mục làm việc</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="79"/>
        <source>Đổi thư mục có hiệu lực khi mở lại Sohoa.</source>
        <translation>A new folder takes effect when Sohoa is reopened.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="100"/>
        <source>Mặt kính</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="100"/>
        <source>Khay nạp giấy</source>
        <translation>Document feeder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="101"/>
        <source>Khay nạp, hai mặt</source>
        <translation>Feeder, both sides</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="108"/>
        <source>Màu</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="109"/>
        <source>Xám</source>
        <translation>Grey</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="110"/>
        <source>Thêm cấu hình</source>
        <translation>Add profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="112"/>
        <source>Xóa cấu hình</source>
        <translation>Remove profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="114"/>
        <source>Cấu hình máy quét</source>
        <translation>Scanner profiles</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="118"/>
        <source>Tên:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="124"/>
        <source>Nguồn giấy:</source>
        <translation>Paper source:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="125"/>
        <source>Độ phân giải:</source>
        <translation>Resolution:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="126"/>
        <source>Màu sắc:</source>
        <translation>Colour:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="128"/>
        <source>Bản số hóa cần ít nhất 200 dpi (Nghị định 30/2020/NĐ-CP).</source>
        <translation>Digitised copies need at least 200 dpi (Decree 30/2020/NĐ-CP).</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="142"/>
        <source>Không cần</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="142"/>
        <source>Mã truy cập</source>
        <translation>Access token</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="143"/>
        <source>Tên đăng nhập và mật khẩu</source>
        <translation>User name and password</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="150"/>
        <source>để trống nếu không đổi</source>
        <translation>leave empty to keep</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="90"/>
        <source>Tìm máy quét</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="91"/>
        <source>Tìm máy quét cắm vào máy tính (USB) và máy quét trong mạng</source>
        <translation>Look for scanners connected to this computer (USB) and on the network</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="122"/>
        <source>Máy quét:</source>
        <translation>Scanner:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="151"/>
        <source>Máy chủ nhận hồ sơ</source>
        <translation>Upload server</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="153"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="154"/>
        <source>Xác thực:</source>
        <translation>Authentication:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="155"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="156"/>
        <source>Mật khẩu / mã:</source>
        <translation>Password / token:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="166"/>
        <source>Cơ quan và ngôn ngữ</source>
        <translation>Agency and language</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="168"/>
        <source>Mã cơ quan tiếp nhận:</source>
        <translation>Receiving agency ID:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="169"/>
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="171"/>
        <source>Lưu cài đặt (Ctrl+S)</source>
        <translation>Save settings (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="180"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="237"/>
        <source>Cấu hình {n}</source>
        <translation>Profile {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="243"/>
        <source>— chưa chọn máy quét —</source>
        <translation>— no scanner chosen —</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="247"/>
        <source>{name} (lần tìm gần nhất không thấy)</source>
        <translation>{name} (not found last time)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="259"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="277"/>
        <source>Không tìm thấy máy quét nào. Hãy cắm cáp và bật máy quét (máy quét mạng: nối cùng mạng), rồi bấm Tìm máy quét lần nữa. Vẫn nhập được tệp ảnh, PDF.</source>
        <translation>No scanner was found. Connect the scanner and switch it on (a network scanner: on the same network), then press Find scanners again. You can still import image and PDF files.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="280"/>
        <source>Tìm thấy {n} máy quét.</source>
        <translation>Found {n} scanner(s).</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="285"/>
        <source>Cấu hình mới</source>
        <translation>New profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="303"/>
        <source>Chọn thư mục làm việc</source>
        <translation>Choose the workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="317"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="325"/>
        <source>Mật khẩu đã cất vào kho khóa của máy.</source>
        <translation>The password is in the system keyring.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="332"/>
        <source>Thư mục làm việc mới dùng từ lần mở sau.</source>
        <translation>The new workspace folder is used from the next start.</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <location filename="../../desktop/welcome.py" line="17"/>
        <source>Chào mừng đến với Sohoa</source>
        <translation>Welcome to Sohoa</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="21"/>
        <source>Sohoa số hóa hồ sơ tại bộ phận một cửa: quét hoặc nhập giấy tờ, máy đọc chữ, nhận ra thủ tục và từng thành phần hồ sơ, rồi đóng gói và gửi lên hệ thống của tỉnh.

Chưa có máy quét? Hãy mở hồ sơ mẫu để đi thử toàn bộ các bước.</source>
        <translation>Sohoa digitises dossiers at the one-stop desk: scan or import the papers, the machine reads them, recognises the procedure and each component, then packs the dossier and sends it to the provincial system.

No scanner yet? Open the sample dossier to walk through every step.</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="30"/>
        <source>Mở hồ sơ mẫu</source>
        <translation>Open the sample dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="32"/>
        <source>Nhập tệp… (Ctrl+O)</source>
        <translation>Import files… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="33"/>
        <source>Quét (F5)</source>
        <translation>Scan (F5)</translation>
    </message>
</context>
</TS>
